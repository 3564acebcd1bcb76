import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { createChunkDecryptor, createChunkEncryptor } from './chunked-stream.ts';
import { DecryptionError } from './envelope.ts';

const key = randomBytes(32);
const CHUNK = 1024;
const HEADER = 15;
const SEALED_CHUNK = CHUNK + 16;

/** Feeds `bytes` in pieces of `piece` bytes, so chunk edges fall anywhere in the input. */
const pieces = (bytes: Buffer, piece: number) =>
  Readable.from(
    Array.from({ length: Math.ceil(bytes.length / piece) }, (_, i) =>
      bytes.subarray(i * piece, (i + 1) * piece),
    ),
  );

const seal = (plain: Buffer, context = 'ctx', piece = 777) =>
  buffer(pieces(plain, piece).pipe(createChunkEncryptor(key, context, CHUNK)));
const open = (sealed: Buffer, context = 'ctx', piece = 333) =>
  buffer(pieces(sealed, piece).pipe(createChunkDecryptor(key, context)));

describe('chunked AES-256-GCM stream', () => {
  it.each([0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 5 * CHUNK + 17])(
    'round-trips %i bytes fed in uneven pieces',
    async (size) => {
      const plain = randomBytes(size);
      const sealed = await seal(plain);
      expect(sealed.length).toBe(HEADER + Math.max(1, Math.ceil(size / CHUNK)) * 16 + size);
      expect(await open(sealed)).toEqual(plain);
    },
  );

  it('does not contain the plaintext', async () => {
    const plain = Buffer.from('volatile memory capture of host-17 '.repeat(200));
    expect((await seal(plain)).includes('host-17')).toBe(false);
  });

  it('detects an altered byte, a wrong context, a wrong key', async () => {
    const plain = randomBytes(4 * CHUNK);
    const sealed = await seal(plain);
    const altered = Buffer.from(sealed);
    altered[HEADER + SEALED_CHUNK + 5]! ^= 1;
    await expect(open(altered)).rejects.toThrow(/Chunk 1 does not authenticate/);
    await expect(open(sealed, 'other')).rejects.toBeInstanceOf(DecryptionError);
    const other = await buffer(
      Readable.from([sealed]).pipe(createChunkDecryptor(randomBytes(32), 'ctx')),
    ).catch((e: unknown) => e);
    expect(other).toBeInstanceOf(DecryptionError);
  });

  it('detects truncation at a chunk boundary, reordered and duplicated chunks', async () => {
    const plain = randomBytes(3 * CHUNK + 10);
    const sealed = await seal(plain);
    const chunk = (i: number) => sealed.subarray(HEADER + i * SEALED_CHUNK, HEADER + (i + 1) * SEALED_CHUNK);
    const head = sealed.subarray(0, HEADER);
    // Cut after two whole chunks: what is left authenticates chunk by chunk, but none is marked last.
    await expect(open(sealed.subarray(0, HEADER + 2 * SEALED_CHUNK))).rejects.toThrow(/Chunk 1/);
    await expect(
      open(Buffer.concat([head, chunk(1), chunk(0), sealed.subarray(HEADER + 2 * SEALED_CHUNK)])),
    ).rejects.toThrow(/Chunk 0/);
    await expect(
      open(Buffer.concat([head, chunk(0), chunk(0), sealed.subarray(HEADER + SEALED_CHUNK)])),
    ).rejects.toThrow(/Chunk 1/);
    await expect(open(sealed.subarray(0, 10))).rejects.toThrow(/truncated/);
  });

  it('releases no plaintext of a chunk that fails', async () => {
    const plain = randomBytes(3 * CHUNK);
    const sealed = await seal(plain);
    sealed[HEADER + 2 * SEALED_CHUNK + 3]! ^= 1;
    const out: Buffer[] = [];
    const decryptor = createChunkDecryptor(key, 'ctx');
    decryptor.on('data', (b: Buffer) => out.push(b));
    await expect(
      new Promise((resolve, reject) => {
        decryptor.on('end', resolve).on('error', reject);
        Readable.from([sealed]).pipe(decryptor);
      }),
    ).rejects.toBeInstanceOf(DecryptionError);
    expect(Buffer.concat(out)).toEqual(plain.subarray(0, 2 * CHUNK));
  });
});
