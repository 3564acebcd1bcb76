import { createHash } from 'node:crypto';
import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { invalid } from '../../platform/http/domain-error.ts';
import { setRawBody } from '../../platform/http/raw-body.ts';
import type { AlertFile } from './thehive-artifact.rules.ts';

/** The `_json` part: as large as a JSON alert may be. */
export const MAX_ALERT_JSON_BYTES = 8 * 1024 * 1024;

/**
 * multipart/form-data bounds: busboy ignores the route's bodyLimit, so every dimension is capped
 * here. Files are hashed as they stream past and never held in memory or on disk.
 */
const LIMITS = {
  fieldNameSize: 200,
  fieldSize: MAX_ALERT_JSON_BYTES,
  fields: 10,
  files: 20,
  fileSize: 32 * 1024 * 1024,
  parts: 30,
  headerPairs: 200,
};

const files = new WeakMap<FastifyRequest, ReadonlyMap<string, AlertFile>>();

/**
 * Accepts TheHive's multipart form of an alert on this (encapsulated) instance: the alert as JSON in
 * a part named `_json` (a field, or a file as Python's requests sends it) and its files in parts its
 * observables name in `attachment`. The `_json` part becomes the body and the raw submission.
 */
export async function acceptMultipartAlerts(scope: FastifyInstance): Promise<void> {
  await scope.register(multipart, { limits: LIMITS });
  scope.addHook('preValidation', async (request) => {
    if (!request.isMultipart()) return;
    const { json, found } = await readParts(request).catch((error: Error & { code?: string }) => {
      // The plugin answers 406 for a malformed part declared as application/json: it is bad input.
      throw error.code === 'FST_INVALID_JSON_FIELD_ERROR' ? malformed('not valid JSON') : error;
    });
    if (json === undefined) {
      throw invalid('alert_json_missing', 'A multipart alert carries its JSON in a part named _json', [
        { path: 'body._json', message: 'is required' },
      ]);
    }
    setRawBody(request, json);
    request.body = parse(json);
    files.set(request, found);
  });
}

/** The files of a multipart alert by part name; empty for a JSON alert. */
export function alertFilesOf(request: FastifyRequest): ReadonlyMap<string, AlertFile> {
  return files.get(request) ?? new Map();
}

async function readParts(request: FastifyRequest) {
  let json: string | undefined;
  const found = new Map<string, AlertFile>();
  for await (const part of request.parts()) {
    if (part.type === 'file' && part.fieldname === '_json') json = (await read(part)).toString('utf8');
    else if (part.type === 'file') found.set(part.fieldname, await hash(part));
    else if (part.fieldname === '_json') {
      if (part.valueTruncated) throw tooLarge();
      // A part sent as application/json arrives parsed; its exact text is lost, so it is written anew.
      json = typeof part.value === 'string' ? part.value : JSON.stringify(part.value);
    }
  }
  return { json, found };
}

function parse(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch (error) {
    throw malformed((error as Error).message);
  }
}

const malformed = (message: string) =>
  invalid('malformed_json', 'The _json part is not valid JSON', [{ path: 'body._json', message }]);

async function read(part: MultipartFile): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of part.file as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_ALERT_JSON_BYTES) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

async function hash(part: MultipartFile): Promise<AlertFile> {
  const digests = { sha256: createHash('sha256'), sha1: createHash('sha1'), md5: createHash('md5') };
  let size = 0;
  for await (const chunk of part.file as AsyncIterable<Buffer>) {
    size += chunk.length;
    for (const d of Object.values(digests)) d.update(chunk);
  }
  if (part.file.truncated) throw tooLarge();
  return {
    name: part.filename || part.fieldname,
    contentType: part.mimetype || 'application/octet-stream',
    size,
    sha256: digests.sha256.digest('hex'),
    sha1: digests.sha1.digest('hex'),
    md5: digests.md5.digest('hex'),
  };
}

function tooLarge(): Error {
  return Object.assign(new Error(`A part of the multipart alert exceeds its size limit`), {
    statusCode: 413,
    code: 'FST_ERR_PART_TOO_LARGE',
  });
}
