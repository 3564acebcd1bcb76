import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { KEY_BYTES } from './envelope.ts';

/**
 * Per-key secrets kept in files beside the blobs, outside the database. A shreddable data key is wrapped
 * under a key derived from the master key *and* its secret here, so deleting the secret makes the key
 * unrecoverable even from a database backup taken before: the backup holds the wrapped key, never the
 * secret. The folder must not be archived with point-in-time backups kept past the retention period.
 */
export interface KeyShreds {
  /** Creates the secret for a key id (fsynced before it is used). */
  create(id: string): Buffer;
  /** The secret, or null once shredded (or never created). */
  read(id: string): Buffer | null;
  /** Overwrites and deletes the secret; a no-op when there is none. */
  shred(id: string): void;
}

const ID = /^[A-Za-z0-9-]{1,100}$/;

export function createKeyShreds(dir: string): KeyShreds {
  const fileOf = (id: string) => {
    if (!ID.test(id)) throw new Error(`Not a data key id: ${id}`);
    return path.join(dir, `${id}.key`);
  };

  function writeSynced(file: string, bytes: Buffer, flags: string): void {
    const fd = openSync(file, flags, 0o600);
    try {
      writeSync(fd, bytes);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  function create(id: string): Buffer {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const secret = randomBytes(KEY_BYTES);
    writeSynced(fileOf(id), secret, 'wx');
    return secret;
  }

  function read(id: string): Buffer | null {
    try {
      const bytes = readFileSync(fileOf(id));
      return bytes.length === KEY_BYTES ? bytes : null;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  function shred(id: string): void {
    const file = fileOf(id);
    let size: number;
    try {
      size = statSync(file).size;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    // Overwritten in place before unlinking: a plain unlink leaves the bytes in free blocks.
    writeSynced(file, Buffer.alloc(size), 'r+');
    rmSync(file, { force: true });
  }

  return { create, read, shred };
}
