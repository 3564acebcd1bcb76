import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decrypt, DecryptionError, encrypt, generateDataKey, unwrapKey, wrapKey } from './envelope.ts';

describe('envelope encryption', () => {
  const master = randomBytes(32);

  it('round-trips with a fresh IV each time and binds the ciphertext to its context', () => {
    const key = generateDataKey();
    const plain = Buffer.from('raw e-mail bytes');
    const a = encrypt(key, plain, 'blob:k:1');
    const b = encrypt(key, plain, 'blob:k:1');
    expect(a.equals(b)).toBe(false);
    expect(decrypt(key, a, 'blob:k:1').equals(plain)).toBe(true);
    expect(() => decrypt(key, a, 'blob:k:2')).toThrow(DecryptionError);
    expect(() => decrypt(generateDataKey(), a, 'blob:k:1')).toThrow(DecryptionError);
    const altered = Buffer.from(a);
    altered[14]! ^= 1;
    expect(() => decrypt(key, altered, 'blob:k:1')).toThrow(DecryptionError);
    expect(() => decrypt(key, a.subarray(0, 20), 'blob:k:1')).toThrow(DecryptionError);
  });

  it('wraps data keys under the master key, bound to their id and purpose', () => {
    const dataKey = generateDataKey();
    const wrapped = wrapKey(master, dataKey, 'id-1:reports:2026-05');
    expect(wrapped).toMatch(/^v1\./);
    expect(wrapped).not.toContain(dataKey.toString('base64'));
    expect(unwrapKey(master, wrapped, 'id-1:reports:2026-05').equals(dataKey)).toBe(true);
    expect(() => unwrapKey(master, wrapped, 'id-2:reports:2026-05')).toThrow(DecryptionError);
    expect(() => unwrapKey(randomBytes(32), wrapped, 'id-1:reports:2026-05')).toThrow(DecryptionError);
    expect(() => unwrapKey(master, '', 'id-1:reports:2026-05')).toThrow(DecryptionError);
  });
});
