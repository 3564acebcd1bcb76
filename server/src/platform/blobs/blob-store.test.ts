import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createDataKeys, type DataKeys } from '../crypto/data-keys.ts';
import { DomainError } from '../http/domain-error.ts';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../testing/test-database.ts';
import { createBlobStore, type BlobStore } from './blob-store.ts';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (err: unknown) => (err instanceof DomainError ? err.code : String(err)),
  );

describeEachDialect('blob store and data keys', (dialect) => {
  let db: TestDatabase;
  let keys: DataKeys;
  let blobs: BlobStore;
  let dir: string;
  const master = randomBytes(32);
  beforeEach(async () => {
    db = await createTestDatabase(dialect);
    keys = createDataKeys({ db: db.db, masterKey: master, now: () => new Date() });
    dir = path.join(db.dataDir, 'blobs');
    blobs = createBlobStore({ dir, keys });
  });
  afterEach(() => db.drop());
  const files = () =>
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.join(e.parentPath, e.name));

  it('creates one live key per purpose, lazily, even when callers race', async () => {
    const ids = await Promise.all(Array.from({ length: 5 }, () => keys.forPurpose('reports:2026-05')));
    expect(new Set(ids).size).toBe(1);
    expect(await keys.forPurpose('incident:4f1c')).not.toBe(ids[0]);
    const rows = await db.db.selectFrom('data_keys').selectAll().execute();
    expect(rows).toHaveLength(2);
    // Stored wrapped, never in clear.
    const key = await keys.unwrap(ids[0]!);
    for (const r of rows) expect(r.wrapped_key).not.toContain(key.toString('base64'));
    await expect(keys.forPurpose('../etc')).rejects.toThrow('Not a data key purpose');
  });

  it('stores identical bytes once per key, encrypted, durably named, and reads them back', async () => {
    const keyId = await keys.forPurpose('reports:2026-05');
    const bytes = Buffer.from('evidence: 198.51.100.7');
    expect(await blobs.put(keyId, bytes)).toEqual({ sha256: sha256(bytes), size: bytes.length });
    await blobs.put(keyId, bytes);
    expect(files()).toHaveLength(1);
    const [file] = files();
    expect(path.basename(file!)).not.toBe(sha256(bytes)); // names do not reveal the content hash
    expect(readFileSync(file!).includes(bytes)).toBe(false);
    expect(statSync(file!).mode & 0o777).toBe(0o600);
    expect((await blobs.get(keyId, sha256(bytes))).equals(bytes)).toBe(true);

    const other = await keys.forPurpose('reports:2026-06');
    await blobs.put(other, bytes);
    expect(files()).toHaveLength(2);
    expect(await codeOf(blobs.get(other, sha256(Buffer.from('never stored'))))).toBe('blob_integrity_failed');
  });

  it('refuses altered or swapped blobs with an integrity error', async () => {
    const keyId = await keys.forPurpose('reports:2026-05');
    const a = Buffer.from('first file');
    const b = Buffer.from('second file');
    await blobs.put(keyId, a);
    const [fa] = files();
    await blobs.put(keyId, b);
    const fb = files().find((f) => f !== fa);
    const original = readFileSync(fa!);
    writeFileSync(fa!, readFileSync(fb!));
    expect(await codeOf(blobs.get(keyId, sha256(a)))).toBe('blob_integrity_failed');
    const flipped = Buffer.from(original);
    flipped[10]! ^= 0x80;
    writeFileSync(fa!, flipped);
    expect(await codeOf(blobs.get(keyId, sha256(a)))).toBe('blob_integrity_failed');
  });

  it('destroys a key: its blobs become unreadable and nothing more is written under it', async () => {
    const keyId = await keys.forPurpose('reports:2026-05');
    const bytes = randomBytes(1000);
    await blobs.put(keyId, bytes);
    await keys.destroy(keyId);
    expect(await codeOf(blobs.get(keyId, sha256(bytes)))).toBe('data_destroyed');
    expect(await codeOf(blobs.put(keyId, bytes))).toBe('data_destroyed');
    const fresh = createDataKeys({ db: db.db, masterKey: master, now: () => new Date() });
    expect(await codeOf(fresh.unwrap(keyId))).toBe('data_destroyed');
    expect(await keys.forPurpose('reports:2026-05')).not.toBe(keyId);
  });

  it('notices a different master key at start-up', async () => {
    await keys.forPurpose('reports:2026-05');
    await expect(keys.verifyMasterKey()).resolves.toBeUndefined();
    const wrong = createDataKeys({ db: db.db, masterKey: randomBytes(32), now: () => new Date() });
    expect(await codeOf(wrong.verifyMasterKey())).toBe('data_key_unreadable');
  });
});
