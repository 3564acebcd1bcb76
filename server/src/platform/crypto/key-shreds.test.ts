import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../testing/test-database.ts';
import { createDataKeys } from './data-keys.ts';
import { generateDataKey, unwrapKey } from './envelope.ts';
import { createKeyShreds } from './key-shreds.ts';

describeEachDialect('shreddable data keys', (dialect) => {
  let db: TestDatabase;
  let dir: string;
  const master = generateDataKey();
  beforeEach(async () => {
    db = await createTestDatabase(dialect);
    dir = mkdtempSync(path.join(tmpdir(), 'fb-keyring-'));
  });
  afterEach(async () => {
    rmSync(dir, { recursive: true, force: true });
    await db.drop();
  });
  const keysWith = (shreds = createKeyShreds(dir)) =>
    createDataKeys({ db: db.db, masterKey: master, now: () => new Date(), shreds });

  it('wraps incident keys under the master key and a keyring secret; shredding removes the secret', async () => {
    const keys = keysWith();
    const id = await keys.forPurpose('incident:abc');
    const row = await db.db
      .selectFrom('data_keys')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.wrapped_key.startsWith('s.')).toBe(true);
    expect(readdirSync(dir)).toEqual([`${id}.key`]);
    const key = await keys.unwrap(id);
    // The master key alone does not open it.
    expect(() => unwrapKey(master, row.wrapped_key.slice(2), `${id}:incident:abc`)).toThrow();

    await keys.destroy(id);
    expect(existsSync(path.join(dir, `${id}.key`))).toBe(false);
    // The row put back as a backup has it: still unreadable, by a fresh instance without a cache.
    await db.db
      .updateTable('data_keys')
      .set({ wrapped_key: row.wrapped_key, destroyed_at: null })
      .where('id', '=', id)
      .execute();
    await expect(keysWith().unwrap(id)).rejects.toMatchObject({ code: 'data_destroyed' });
    expect(key).toHaveLength(32);
  });

  it('leaves other purposes wrapped by the master key alone, and the start-up check ignores incident keys', async () => {
    const keys = keysWith();
    const month = await keys.forPurpose('reports:2026-05');
    const row = await db.db
      .selectFrom('data_keys')
      .selectAll()
      .where('id', '=', month)
      .executeTakeFirstOrThrow();
    expect(unwrapKey(master, row.wrapped_key, `${month}:reports:2026-05`)).toHaveLength(32);
    await keys.forPurpose('incident:later');
    await expect(
      keysWith(createKeyShreds(path.join(dir, 'empty'))).verifyMasterKey(),
    ).resolves.toBeUndefined();
    expect(readdirSync(dir)).toHaveLength(1);
  });
});
