import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';

/** Bytes of the master key (AES-256). */
export const MASTER_KEY_BYTES = 32;

/** The master key file's name inside the data folder, when no key is configured. */
export const MASTER_KEY_FILE = 'master.key';

export interface MasterKeySettings {
  dataDir: string;
  masterKey?: string | undefined;
  masterKeyFile?: string | undefined;
}

/** The resolved key and where it came from; never log `key`. */
export interface MasterKey {
  key: Buffer;
  /** The file it was read from or created in; null when it came from FIREBREAK_MASTER_KEY. */
  file: string | null;
  /** True when this start created the file (first start). */
  created: boolean;
  /** True when the file may be read by other users of the machine. */
  readableByOthers: boolean;
}

export class MasterKeyError extends Error {
  override name = 'MasterKeyError';
}

/** The key when `text` is the base64 (or base64url) of exactly 32 bytes; null otherwise. */
export function decodeMasterKey(text: string): Buffer | null {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) return null;
  const bytes = Buffer.from(trimmed, 'base64');
  return bytes.length === MASTER_KEY_BYTES ? bytes : null;
}

/** A key file holds the 32 bytes themselves or their base64 text (44 characters). */
function decodeKeyFile(content: Buffer): Buffer | null {
  if (content.length === MASTER_KEY_BYTES) return Buffer.from(content);
  return decodeMasterKey(content.toString('utf8'));
}

/** Configuration problems of the master key settings, named by variable (the key itself never appears). */
export function masterKeyProblems(settings: Omit<MasterKeySettings, 'dataDir'>): string[] {
  const { masterKey, masterKeyFile } = settings;
  if (masterKey && masterKeyFile)
    return ['FIREBREAK_MASTER_KEY_FILE: set FIREBREAK_MASTER_KEY or FIREBREAK_MASTER_KEY_FILE, not both'];
  if (!masterKeyFile) return [];
  let content: Buffer;
  try {
    content = readFileSync(masterKeyFile);
  } catch (err) {
    return [`FIREBREAK_MASTER_KEY_FILE: ${masterKeyFile} cannot be read (${(err as Error).message})`];
  }
  return decodeKeyFile(content)
    ? []
    : [`FIREBREAK_MASTER_KEY_FILE: ${masterKeyFile} must hold 32 bytes or their base64`];
}

/**
 * The master key from FIREBREAK_MASTER_KEY, FIREBREAK_MASTER_KEY_FILE or `<dataDir>/master.key`; that
 * last one is created (mode 0600) on first start. Losing the key loses every encrypted blob.
 */
export function loadMasterKey(settings: MasterKeySettings): MasterKey {
  if (settings.masterKey) {
    const key = decodeMasterKey(settings.masterKey);
    if (!key) throw new MasterKeyError('FIREBREAK_MASTER_KEY must be the base64 of 32 bytes');
    return { key, file: null, created: false, readableByOthers: false };
  }
  const file = settings.masterKeyFile ?? path.join(settings.dataDir, MASTER_KEY_FILE);
  const created = !settings.masterKeyFile && createKeyFile(file);
  let content: Buffer;
  try {
    content = readFileSync(file);
  } catch (err) {
    throw new MasterKeyError(`The master key file ${file} cannot be read (${(err as Error).message})`);
  }
  const key = decodeKeyFile(content);
  if (!key)
    throw new MasterKeyError(
      `The master key file ${file} does not hold a key (32 bytes or their base64); restore it from its backup`,
    );
  return { key, file, created, readableByOthers: (statSync(file).mode & 0o077) !== 0 };
}

/** Writes a new random key unless the file exists; true when this call created it. */
function createKeyFile(file: string): boolean {
  mkdirSync(path.dirname(file), { recursive: true });
  if (existsSync(file)) return false;
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, `${randomBytes(MASTER_KEY_BYTES).toString('base64')}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    // link() fails when the name exists: a process starting at the same moment keeps the key it
    // wrote, and nobody ever reads a half-written file.
    linkSync(temp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return false;
  } finally {
    unlinkSync(temp);
  }
  const dir = openSync(path.dirname(file), 'r');
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
  return true;
}
