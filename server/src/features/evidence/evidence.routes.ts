import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CustodyEntry,
  CustodyLog,
  CustodyTransfer,
  EVIDENCE_FILE_PART,
  EvidenceItem,
  EvidenceVerification,
} from '#contracts/evidence.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import { actorOf } from '../../platform/http/auth.ts';
import { attachmentDisposition, downloadHeaders } from '../../platform/http/content-disposition.ts';
import { invalid } from '../../platform/http/domain-error.ts';
import { custodyCsv } from './evidence.rules.ts';
import { evidenceTooLarge, type EvidenceService, type IncomingFile } from './evidence.service.ts';

const tags = ['evidence'];
const KeyParam = z.object({ key: z.string().min(1).max(40) });
const ItemParams = KeyParam.extend({ id: z.string().min(1).max(64) });
// Room for the acquisition fields and multipart framing beside the file itself.
const ENVELOPE_BYTES = 1024 * 1024;

const uploadDescription =
  'multipart/form-data: the acquisition fields (acquiredBy, acquiredAt, source, method, tool, toolVersion, ' +
  `description, tlp) first, then one file part named \`${EVIDENCE_FILE_PART}\`. Streamed to disk, hashed ` +
  '(SHA-256, SHA-1, MD5) and encrypted under the incident data key; over the size limit: 413, nothing kept.';

export function evidenceRoutes(app: ZodApp, evidence: EvidenceService, options: { maxBytes: number }): void {
  app.get(
    '/api/v1/incidents/:key/evidence',
    {
      schema: {
        tags,
        summary: "The incident's evidence locker, newest first",
        params: KeyParam,
        response: { 200: z.object({ items: z.array(EvidenceItem) }) },
      },
    },
    async (request) => ({ items: await evidence.list(actorOf(request), request.params.key) }),
  );

  void app.register(async (scope) => {
    await scope.register(multipart, {
      // busboy stops one byte past the limit; the store sees it and refuses the file.
      limits: { fileSize: options.maxBytes + 1, files: 1, fields: 20, fieldSize: 20_000, parts: 22 },
    });
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/v1/incidents/:key/evidence',
      {
        schema: {
          tags,
          summary: 'Add a file to the evidence locker with its acquisition record',
          description: uploadDescription,
          params: KeyParam,
          response: { 201: EvidenceItem },
        },
        // A declared length past the limit is refused before a byte is read.
        preValidation: (request, _reply, done) =>
          Number(request.headers['content-length'] ?? 0) > options.maxBytes + ENVELOPE_BYTES
            ? done(evidenceTooLarge(options.maxBytes))
            : done(),
      },
      async (request, reply) => {
        const item = await readUpload(request, (fields, file) =>
          evidence.upload(actorOf(request), request.params.key, fields, file),
        );
        return reply.status(201).send(item);
      },
    );
  });

  app.get(
    '/api/v1/incidents/:key/evidence/:id/download',
    {
      schema: {
        tags,
        summary:
          'Download an item (application/octet-stream); logged in its custody, hash re-checked as it streams',
        description:
          'Each chunk is authenticated before it is sent and the SHA-256 is checked at the end; on a fault ' +
          'the connection is cut and a failed verification is recorded.',
        params: ItemParams,
      },
    },
    async (request, reply) => {
      const { item, stream } = await evidence.download(
        actorOf(request),
        request.params.key,
        request.params.id,
      );
      return reply
        .headers({
          ...downloadHeaders(item.filename, 'application/octet-stream'),
          'content-length': String(item.size),
        })
        .send(stream);
    },
  );

  app.get(
    '/api/v1/incidents/:key/evidence/:id/custody',
    {
      schema: {
        tags,
        summary: "An item's acquisition record and hash-chained custody log",
        params: ItemParams,
        response: { 200: CustodyLog },
      },
    },
    async (request) => evidence.custodyLog(actorOf(request), request.params.key, request.params.id),
  );

  app.get(
    '/api/v1/incidents/:key/evidence/:id/custody.csv',
    {
      schema: { tags, summary: "An item's custody log as CSV (RFC 4180)", params: ItemParams },
    },
    async (request, reply) => {
      const log = await evidence.custodyLog(actorOf(request), request.params.key, request.params.id);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', attachmentDisposition(`custody-${log.item.sha256.slice(0, 12)}.csv`))
        .send(custodyCsv(log.entries));
    },
  );

  app.post(
    '/api/v1/incidents/:key/evidence/:id/custody',
    {
      schema: {
        tags,
        summary: 'Record a transfer of the item, or a copy exported to someone outside',
        params: ItemParams,
        body: CustodyTransfer,
        response: { 201: CustodyEntry },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await evidence.recordTransfer(
            actorOf(request),
            request.params.key,
            request.params.id,
            request.body,
          ),
        ),
  );

  app.post(
    '/api/v1/incidents/:key/evidence/:id/verify',
    {
      schema: {
        tags,
        summary: 'Check the custody chain and re-hash the stored file (recorded in custody either way)',
        params: ItemParams,
        response: { 200: EvidenceVerification },
      },
    },
    async (request) => evidence.verify(actorOf(request), request.params.key, request.params.id),
  );
}

/**
 * Collects the fields, then hands the one file part to `accept` as a stream. Fields must come first:
 * the acquisition record is validated before the file is read. Anything after the file is drained.
 */
async function readUpload<T>(
  request: FastifyRequest,
  accept: (fields: Record<string, string>, file: IncomingFile) => Promise<T>,
): Promise<T> {
  if (!request.isMultipart())
    throw invalid('multipart_required', 'Send the evidence as multipart/form-data', [
      { path: 'body', message: 'must be multipart/form-data' },
    ]);
  const fields: Record<string, string> = {};
  let result: { value: T } | null = null;
  for await (const part of request.parts()) {
    if (part.type === 'field') {
      if (!result) fields[part.fieldname] = typeof part.value === 'string' ? part.value : String(part.value);
    } else if (part.fieldname === EVIDENCE_FILE_PART && !result) {
      const value = await accept(fields, {
        filename: part.filename,
        contentType: part.mimetype,
        stream: part.file,
      });
      result = { value };
    } else part.file.resume();
  }
  if (!result)
    throw invalid('evidence_file_missing', 'No file was sent', [
      { path: EVIDENCE_FILE_PART, message: 'must be a file part after the acquisition fields' },
    ]);
  return result.value;
}
