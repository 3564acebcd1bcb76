import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { DecryptionError } from './envelope.ts';

/**
 * Streaming AES-256-GCM for files too large to hold in memory, after the STREAM construction
 * (Hoang, Reyhanitabar, Rogaway, Vizár 2015): the plaintext is cut into fixed-size chunks, each sealed
 * on its own with the nonce `prefix(7) ‖ index(4) ‖ last(1)`, and the index, the last flag and the
 * header bound again as associated data. A reader can authenticate each chunk before releasing it,
 * and reordered, dropped, duplicated or truncated chunks fail (a cut at a chunk boundary leaves a
 * chunk not marked last). Layout: `FBS1 ‖ chunkSize(u32) ‖ prefix(7)`, then `ciphertext ‖ tag` per chunk.
 */
export const CHUNKED_MAGIC = Buffer.from('FBS1');
/** Plaintext bytes per chunk: large enough that the per-chunk cost vanishes, small enough to stream. */
export const DEFAULT_CHUNK_BYTES = 64 * 1024;
const PREFIX_BYTES = 7;
const TAG_BYTES = 16;
const HEADER_BYTES = CHUNKED_MAGIC.length + 4 + PREFIX_BYTES;
// A forged header must not make the reader allocate without bound.
const MAX_CHUNK_BYTES = 16 * 1024 * 1024;
const ALGORITHM = 'aes-256-gcm';

function nonceAndAad(header: Buffer, context: Buffer, index: number, last: boolean) {
  const position = Buffer.alloc(5);
  position.writeUInt32BE(index, 0);
  position[4] = last ? 1 : 0;
  const nonce = Buffer.concat([header.subarray(CHUNKED_MAGIC.length + 4), position]);
  return { nonce, aad: Buffer.concat([header, position, context]) };
}

/** A transform that encrypts what is written to it into the chunked format, bound to `context`. */
export function createChunkEncryptor(
  key: Buffer,
  context: string,
  chunkBytes = DEFAULT_CHUNK_BYTES,
): Transform {
  if (chunkBytes < 1 || chunkBytes > MAX_CHUNK_BYTES) throw new Error('chunk size out of range');
  const header = Buffer.alloc(HEADER_BYTES);
  CHUNKED_MAGIC.copy(header, 0);
  header.writeUInt32BE(chunkBytes, CHUNKED_MAGIC.length);
  randomBytes(PREFIX_BYTES).copy(header, CHUNKED_MAGIC.length + 4);
  const ctx = Buffer.from(context, 'utf8');
  const buf = Buffer.alloc(chunkBytes);
  let fill = 0;
  let index = 0;
  let started = false;

  const seal = (stream: Transform, last: boolean) => {
    if (!started) {
      stream.push(header);
      started = true;
    }
    if (index > 0xffffffff) throw new Error('too many chunks');
    const { nonce, aad } = nonceAndAad(header, ctx, index++, last);
    const cipher = createCipheriv(ALGORITHM, key, nonce, { authTagLength: TAG_BYTES });
    cipher.setAAD(aad);
    stream.push(Buffer.concat([cipher.update(buf.subarray(0, fill)), cipher.final(), cipher.getAuthTag()]));
    fill = 0;
  };

  return new Transform({
    transform(data: Buffer, _enc, done: TransformCallback) {
      let offset = 0;
      // A full chunk is sealed only once more data arrives: the last one must carry the last flag.
      while (offset < data.length) {
        if (fill === chunkBytes) seal(this, false);
        const n = data.copy(buf, fill, offset, offset + chunkBytes - fill);
        fill += n;
        offset += n;
      }
      done();
    },
    flush(done: TransformCallback) {
      seal(this, true);
      done();
    },
  });
}

/**
 * Reverses {@link createChunkEncryptor}. Each chunk is authenticated before its plaintext is pushed;
 * the stream errors with {@link DecryptionError} at the first chunk that fails.
 */
export function createChunkDecryptor(key: Buffer, context: string): Transform {
  const ctx = Buffer.from(context, 'utf8');
  let header: Buffer | null = null;
  let headerParts: Buffer[] = [];
  let buf = Buffer.alloc(0);
  let fill = 0;
  let index = 0;

  const open = (stream: Transform, last: boolean) => {
    if (fill < TAG_BYTES) throw new DecryptionError('The ciphertext is truncated');
    const { nonce, aad } = nonceAndAad(header!, ctx, index, last);
    const decipher = createDecipheriv(ALGORITHM, key, nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad);
    decipher.setAuthTag(buf.subarray(fill - TAG_BYTES, fill));
    let plain: Buffer;
    try {
      plain = Buffer.concat([decipher.update(buf.subarray(0, fill - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new DecryptionError(`Chunk ${index} does not authenticate (wrong key, altered or cut)`);
    }
    index++;
    fill = 0;
    stream.push(plain);
  };

  function readHeader(data: Buffer): Buffer {
    headerParts.push(data);
    const joined = Buffer.concat(headerParts);
    if (joined.length < HEADER_BYTES) {
      headerParts = [joined];
      return Buffer.alloc(0);
    }
    header = joined.subarray(0, HEADER_BYTES);
    headerParts = [];
    if (!header.subarray(0, CHUNKED_MAGIC.length).equals(CHUNKED_MAGIC))
      throw new DecryptionError('Not a chunked ciphertext');
    const chunkBytes = header.readUInt32BE(CHUNKED_MAGIC.length);
    if (chunkBytes < 1 || chunkBytes > MAX_CHUNK_BYTES) throw new DecryptionError('Bad chunk size');
    buf = Buffer.alloc(chunkBytes + TAG_BYTES);
    return joined.subarray(HEADER_BYTES);
  }

  return new Transform({
    transform(input: Buffer, _enc, done: TransformCallback) {
      try {
        const data = header ? input : readHeader(input);
        let offset = 0;
        while (offset < data.length) {
          if (fill === buf.length) open(this, false);
          const n = data.copy(buf, fill, offset, offset + buf.length - fill);
          fill += n;
          offset += n;
        }
        done();
      } catch (err) {
        done(err as Error);
      }
    },
    flush(done: TransformCallback) {
      try {
        if (!header) throw new DecryptionError('The ciphertext is truncated');
        open(this, true);
        done();
      } catch (err) {
        done(err as Error);
      }
    },
  });
}
