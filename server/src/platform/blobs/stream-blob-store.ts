import { createHash, createHmac, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline, Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline as pipelineAsync } from 'node:stream/promises';
import { createChunkDecryptor, createChunkEncryptor } from '../crypto/chunked-stream.ts';
import type { DataKeys } from '../crypto/data-keys.ts';
import { DecryptionError } from '../crypto/envelope.ts';
import { blobIntegrityFailed } from './blob-store.ts';

/** What was stored: the plaintext's size and digests (SHA-256 is the address). */
export interface StreamedBlob {
  sha256: string;
  sha1: string;
  md5: string;
  size: number;
  /** False when the same bytes were already stored under this key (content addressing). */
  created: boolean;
}

/** The source went past the allowed size; nothing was kept. */
export class BlobTooLargeError extends Error {
  override name = 'BlobTooLargeError';
  constructor(readonly maxBytes: number) {
    super(`The file is larger than ${maxBytes} bytes`);
  }
}

/**
 * Encrypted, content-addressed blobs written and read as streams (evidence: gigabytes), in the
 * chunked AES-256-GCM format, beside the buffered {@link import('./blob-store.ts').BlobStore}.
 */
export interface StreamBlobStore {
  /** Encrypts `source` to disk while hashing it; durable (fsync'd) before it resolves. */
  write(keyId: string, source: Readable, maxBytes: number): Promise<StreamedBlob>;
  /**
   * The plaintext as a stream: every chunk authenticated before it is released and the SHA-256
   * checked at the end; errors with `blob_integrity_failed` at the first fault.
   */
  read(keyId: string, sha256: string): Promise<Readable>;
  /** Where the blob lives on disk (for operators and tests). */
  fileOf(keyId: string, sha256: string): Promise<string>;
}

const SHA256 = /^[0-9a-f]{64}$/;
const KEY_ID = /^[A-Za-z0-9-]{1,64}$/;

export function createStreamBlobStore(options: { dir: string; keys: DataKeys }): StreamBlobStore {
  const { dir, keys } = options;

  /** As in the buffered store: the name is an HMAC of the content hash, so names leak no hashes. */
  function location(keyId: string, dataKey: Buffer, sha256: string) {
    if (!SHA256.test(sha256)) throw new Error(`Not a SHA-256: ${sha256}`);
    const name = createHmac('sha256', dataKey).update(`stream-blob-name:${sha256}`).digest('hex');
    const folder = path.join(dir, keyId, name.slice(0, 2));
    return { folder, file: path.join(folder, name) };
  }

  // The hash is unknown until the end, so the context binds the key; the SHA-256 checked on every
  // read binds the content to its name.
  const context = (keyId: string) => `stream-blob:${keyId}`;

  async function write(keyId: string, source: Readable, maxBytes: number): Promise<StreamedBlob> {
    if (!KEY_ID.test(keyId)) throw new Error(`Not a data key id: ${keyId}`);
    const dataKey = await keys.unwrap(keyId);
    const staging = path.join(dir, keyId);
    await mkdir(staging, { recursive: true });
    const temp = path.join(staging, `.tmp-${randomBytes(8).toString('hex')}`);
    const digests = hashing(maxBytes);
    // `flush`: fsync before close, so the blob is on disk before its row is committed.
    const sink = createWriteStream(temp, { flags: 'wx', mode: 0o600, flush: true });
    try {
      await pipelineAsync(source, digests.stream, createChunkEncryptor(dataKey, context(keyId)), sink);
    } catch (err) {
      // A sink destroyed before its open finished still creates the file: remove it only once closed.
      if (!sink.closed) await once(sink, 'close').catch(() => undefined);
      await rm(temp, { force: true });
      throw err;
    }
    const sums = digests.result();
    const { folder, file } = location(keyId, dataKey, sums.sha256);
    if (await exists(file)) {
      await rm(temp, { force: true });
      return { ...sums, created: false };
    }
    await mkdir(folder, { recursive: true });
    // Atomic: a reader sees the whole blob or none.
    await rename(temp, file);
    await syncDir(folder);
    return { ...sums, created: true };
  }

  async function fileOf(keyId: string, sha256: string): Promise<string> {
    return location(keyId, await keys.unwrap(keyId), sha256).file;
  }

  async function read(keyId: string, sha256: string): Promise<Readable> {
    const dataKey = await keys.unwrap(keyId);
    const { file } = location(keyId, dataKey, sha256);
    if (!(await exists(file))) throw blobIntegrityFailed(`${sha256} is missing`);
    // Lazy: nothing is read until the consumer pulls, so the caller can log the access first.
    async function* plaintext() {
      const hash = createHash('sha256');
      const decrypted = pipeline(
        createReadStream(file, { highWaterMark: 256 * 1024 }),
        createChunkDecryptor(dataKey, context(keyId)),
        () => undefined,
      );
      try {
        for await (const chunk of decrypted as AsyncIterable<Buffer>) {
          hash.update(chunk);
          yield chunk;
        }
      } catch (err) {
        throw err instanceof DecryptionError
          ? blobIntegrityFailed(`${sha256} was altered: ${err.message}`)
          : err;
      }
      if (hash.digest('hex') !== sha256) throw blobIntegrityFailed(`${sha256} does not hash to its name`);
    }
    return Readable.from(plaintext(), { objectMode: false });
  }

  return { write, read, fileOf };
}

/** A pass-through that computes SHA-256, SHA-1 and MD5 (what forensic tools quote) and caps the size. */
function hashing(maxBytes: number) {
  const sha256 = createHash('sha256');
  const sha1 = createHash('sha1');
  const md5 = createHash('md5');
  let size = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      size += chunk.length;
      if (size > maxBytes) return done(new BlobTooLargeError(maxBytes));
      sha256.update(chunk);
      sha1.update(chunk);
      md5.update(chunk);
      done(null, chunk);
    },
  });
  const result = () => ({
    sha256: sha256.digest('hex'),
    sha1: sha1.digest('hex'),
    md5: md5.digest('hex'),
    size,
  });
  return { stream, result };
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return false;
      throw err;
    },
  );
}

async function syncDir(folder: string): Promise<void> {
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
