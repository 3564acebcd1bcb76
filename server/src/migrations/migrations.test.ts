import { sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { migrateDown, migrateToLatest, listMigrations } from '../platform/db/migrate.ts';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../platform/testing/test-database.ts';
import { migrations } from './index.ts';

describeEachDialect('migrations', (dialect) => {
  let handle: TestDatabase | undefined;
  afterEach(async () => handle?.drop());

  it('runs every migration up, down to nothing, and up again', async () => {
    handle = await createTestDatabase(dialect, { migrate: false });
    const names = Object.keys(migrations);
    expect(await migrateToLatest(handle)).toEqual(names);
    const tables = async () =>
      (await handle!.db.introspection.getTables())
        .map((t) => t.name)
        .filter((n) => !n.startsWith('firebreak_migrations') && !n.startsWith('search_fts_'));
    expect(await tables()).toContain('users');

    for (const name of [...names].reverse()) expect(await migrateDown(handle)).toEqual([name]);
    expect(await tables()).toEqual([]);
    expect((await listMigrations(handle)).every((m) => !m.executedAt)).toBe(true);

    expect(await migrateToLatest(handle)).toEqual(names);
    const one = await sql<{ one: number }>`select 1 as one`.execute(handle.db);
    expect(one.rows[0]?.one).toBe(1);
  });
});
