import { createHash, createHmac, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { DataKeys } from '../crypto/data-keys.ts';
import { decrypt, DecryptionError, encrypt } from '../crypto/envelope.ts';
import { DomainError } from '../http/domain-error.ts';

/** A stored blob: the SHA-256 (hex) and size of its plaintext. */
export interface BlobRef {
  sha256: string;
  size: number;
}

/**
 * Encrypted, content-addressed files under `<dataDir>/blobs`: identical bytes under one data key are
 * stored once. Every blob is AES-256-GCM under its data key, so shredding the key shreds the blob.
 */
export interface BlobStore {
  /** Encrypts and stores the bytes durably (fsync'd) before returning; store the row after this. */
  put(keyId: string, bytes: Buffer): Promise<BlobRef>;
  /** The plaintext, after checking it authenticates and hashes to `sha256`. */
  get(keyId: string, sha256: string): Promise<Buffer>;
  /** Deletes the blob (no-op when absent or its key is shredded); the caller checks no row still needs it. */
  remove(keyId: string, sha256: string): Promise<void>;
  /** The data keys the blobs are encrypted under. */
  keys: DataKeys;
}

const MAGIC = Buffer.from('FBB1');
const SHA256 = /^[0-9a-f]{64}$/;
const KEY_ID = /^[A-Za-z0-9-]{1,64}$/;

export const blobIntegrityFailed = (detail: string) =>
  new DomainError(
    'integrity',
    'blob_integrity_failed',
    `A stored file failed its integrity check: ${detail}`,
  );

export function createBlobStore(options: { dir: string; keys: DataKeys }): BlobStore {
  const { dir, keys } = options;

  /**
   * `<dir>/<keyId>/<ab>/<name>`, the name an HMAC of the content hash under the data key: file names
   * do not tell whether a known file is stored (backups included), and a key's blobs share a folder.
   */
  function location(keyId: string, dataKey: Buffer, sha256: string) {
    if (!KEY_ID.test(keyId)) throw new Error(`Not a data key id: ${keyId}`);
    if (!SHA256.test(sha256)) throw new Error(`Not a SHA-256: ${sha256}`);
    const name = createHmac('sha256', dataKey).update(`blob-name:${sha256}`).digest('hex');
    const folder = path.join(dir, keyId, name.slice(0, 2));
    return { folder, file: path.join(folder, name), context: `blob:${keyId}:${sha256}` };
  }

  async function put(keyId: string, bytes: Buffer): Promise<BlobRef> {
    const dataKey = await keys.unwrap(keyId);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const { folder, file, context } = location(keyId, dataKey, sha256);
    const ref = { sha256, size: bytes.length };
    if (await exists(file)) return ref;
    await mkdirDurably(folder);
    const temp = path.join(folder, `.tmp-${randomBytes(8).toString('hex')}`);
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(Buffer.concat([MAGIC, encrypt(dataKey, bytes, context)]));
      await handle.sync();
    } catch (err) {
      await handle.close();
      await rm(temp, { force: true });
      throw err;
    }
    await handle.close();
    // Rename is atomic: a reader sees the whole blob or none; a concurrent put of the same bytes
    // writes the same content.
    await rename(temp, file);
    await syncDir(folder);
    return ref;
  }

  async function get(keyId: string, sha256: string): Promise<Buffer> {
    const dataKey = await keys.unwrap(keyId);
    const { file, context } = location(keyId, dataKey, sha256);
    let sealed: Buffer;
    try {
      sealed = await readFile(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw blobIntegrityFailed(`${sha256} is missing`);
      throw err;
    }
    if (!sealed.subarray(0, MAGIC.length).equals(MAGIC))
      throw blobIntegrityFailed(`${sha256} is not a Firebreak blob`);
    let plain: Buffer;
    try {
      plain = decrypt(dataKey, sealed.subarray(MAGIC.length), context);
    } catch (err) {
      if (err instanceof DecryptionError) throw blobIntegrityFailed(`${sha256} was altered`);
      throw err;
    }
    // Belt and braces: the GCM tag proves the ciphertext; the hash proves it is the content asked for.
    if (createHash('sha256').update(plain).digest('hex') !== sha256)
      throw blobIntegrityFailed(`${sha256} does not hash to its name`);
    return plain;
  }

  async function remove(keyId: string, sha256: string): Promise<void> {
    let dataKey: Buffer;
    try {
      dataKey = await keys.unwrap(keyId);
    } catch (err) {
      // Shredded: the blob is unreadable already.
      if (err instanceof DomainError && err.code === 'data_destroyed') return;
      throw err;
    }
    await rm(location(keyId, dataKey, sha256).file, { force: true });
  }

  /** Creates the folder and fsyncs each parent that gained an entry, so the new path survives a crash. */
  async function mkdirDurably(folder: string): Promise<void> {
    const first = await mkdir(folder, { recursive: true });
    if (first === undefined) return;
    for (let d = folder; ; d = path.dirname(d)) {
      await syncDir(path.dirname(d));
      if (d === first || path.dirname(d) === d) break;
    }
  }

  return { put, get, remove, keys };
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
