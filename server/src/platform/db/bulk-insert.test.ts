import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../testing/test-database.ts';
import { insertUnnested } from './bulk-insert.ts';

describeEachDialect('bulk insert through unnest', (dialect) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase(dialect);
  });
  afterEach(() => db.drop());

  it.runIf(dialect === 'postgres')(
    'keeps every value as sent: quotes, braces, NULLs, numbers, times',
    async () => {
      await sql`CREATE TABLE bulk_probe (id text PRIMARY KEY, note text, n int4, at timestamptz)`.execute(
        db.db,
      );
      const awkward = ['"quoted"', 'back\\slash', '{braces, commas}', 'NULL', '', 'ünïcödé ✓', "it's"];
      const rows = awkward.map((note, i) => ({
        id: `r${i}`,
        note,
        n: i,
        at: new Date(Date.UTC(2026, 0, i + 1)).toISOString(),
      }));
      rows.push({
        id: 'nulls',
        note: null as unknown as string,
        n: null as unknown as number,
        at: null as unknown as string,
      });
      const inserted = await insertUnnested<{ id: string }>(db.db, 'bulk_probe', rows, sql`RETURNING id`);
      expect(inserted.map((r) => r.id)).toEqual(rows.map((r) => r.id));
      const { rows: back } = await sql<{
        id: string;
        note: string | null;
        n: number | null;
        at: Date | null;
      }>`
      SELECT id, note, n, at FROM bulk_probe ORDER BY n NULLS LAST`.execute(db.db);
      expect(back.map((r) => r.note)).toEqual([...awkward, null]);
      expect(back.map((r) => r.n)).toEqual([...awkward.map((_, i) => i), null]);
      expect(new Date(back[2]!.at!).toISOString()).toBe('2026-01-03T00:00:00.000Z');

      // A column added after the types were read is found; an unknown one is named.
      await sql`ALTER TABLE bulk_probe ADD COLUMN extra int8`.execute(db.db);
      await insertUnnested(db.db, 'bulk_probe', [{ id: 'late', extra: 9007199254740991 }]);
      await expect(insertUnnested(db.db, 'bulk_probe', [{ id: 'x', nope: 1 }])).rejects.toThrow(
        'bulk_probe has no column nope',
      );
    },
  );
});
