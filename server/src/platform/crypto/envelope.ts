import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** AES-256 key length in bytes (data keys and the master key). */
export const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const ALGORITHM = 'aes-256-gcm';
const WRAPPED_PREFIX = 'v1.';

/** The ciphertext failed authentication: wrong key, wrong context, or altered bytes. */
export class DecryptionError extends Error {
  override name = 'DecryptionError';
}

/** A fresh random data key. */
export function generateDataKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

/**
 * AES-256-GCM under a random 12-byte IV (NIST SP 800-38D); the output is `iv ‖ ciphertext ‖ tag`.
 * `context` is authenticated as associated data, so a ciphertext moved to another row or file fails.
 */
export function encrypt(key: Buffer, plaintext: Buffer, context: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, 'utf8'));
  return Buffer.concat([iv, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

/** Reverses {@link encrypt}; throws {@link DecryptionError} unless key, context and bytes are all intact. */
export function decrypt(key: Buffer, sealed: Buffer, context: string): Buffer {
  if (sealed.length < IV_BYTES + TAG_BYTES) throw new DecryptionError('The ciphertext is truncated');
  const iv = sealed.subarray(0, IV_BYTES);
  const tag = sealed.subarray(sealed.length - TAG_BYTES);
  const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([
      decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)),
      decipher.final(),
    ]);
  } catch {
    throw new DecryptionError('The ciphertext does not authenticate (wrong key or altered data)');
  }
}

/** Encrypts a small secret (a data key, a password) into text for a database column. */
export function sealText(key: Buffer, plaintext: Buffer, context: string): string {
  return WRAPPED_PREFIX + encrypt(key, plaintext, context).toString('base64');
}

/** Reverses {@link sealText}. */
export function openText(key: Buffer, sealed: string, context: string): Buffer {
  if (!sealed.startsWith(WRAPPED_PREFIX)) throw new DecryptionError('Unknown sealed format');
  return decrypt(key, Buffer.from(sealed.slice(WRAPPED_PREFIX.length), 'base64'), context);
}

/** Wraps a data key under the master key, bound to the key's id and purpose. */
export function wrapKey(masterKey: Buffer, dataKey: Buffer, context: string): string {
  return sealText(masterKey, dataKey, `data-key:${context}`);
}

export function unwrapKey(masterKey: Buffer, wrapped: string, context: string): Buffer {
  const key = openText(masterKey, wrapped, `data-key:${context}`);
  if (key.length !== KEY_BYTES) throw new DecryptionError('The unwrapped key has the wrong length');
  return key;
}
