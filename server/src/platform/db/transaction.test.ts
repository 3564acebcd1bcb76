import { afterEach, expect, it } from 'vitest';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../testing/test-database.ts';
import { transaction } from './transaction.ts';

describeEachDialect('transaction', (dialect) => {
  let db: TestDatabase;
  afterEach(() => db.drop());

  const row = (id: string) => ({
    name: id,
    cron: '* * * * *',
    kind: 'k',
    payload: '{}',
    next_run_at: new Date().toISOString(),
  });

  it('commits, then runs the after-commit effects', async () => {
    db = await createTestDatabase(dialect);
    const seen: string[] = [];
    await transaction(db.db, async (tx, onCommit) => {
      await tx.insertInto('job_schedules').values(row('a')).execute();
      onCommit(() => void seen.push('published'));
    });
    expect(seen).toEqual(['published']);
    expect(await db.db.selectFrom('job_schedules').select('name').execute()).toEqual([{ name: 'a' }]);
  });

  it('rolls back everything and runs no effect when the work throws', async () => {
    db = await createTestDatabase(dialect);
    const seen: string[] = [];
    await expect(
      transaction(db.db, async (tx, onCommit) => {
        await tx.insertInto('job_schedules').values(row('b')).execute();
        onCommit(() => void seen.push('published'));
        throw new Error('half-way failure');
      }),
    ).rejects.toThrow('half-way failure');
    expect(seen).toEqual([]);
    expect(await db.db.selectFrom('job_schedules').selectAll().execute()).toEqual([]);
  });

  it.skipIf(dialect !== 'postgres')(
    'runs a transaction again when PostgreSQL aborts it as a deadlock',
    async () => {
      db = await createTestDatabase(dialect);
      await db.db
        .insertInto('job_schedules')
        .values([row('x'), row('y')])
        .execute();
      // Both transactions hold their first row before either asks for the other's: a certain deadlock.
      let arrived = 0;
      let release!: () => void;
      const bothHoldOne = new Promise<void>((resolve) => (release = resolve));
      const runs: string[] = [];
      const swap = (first: string, second: string) =>
        transaction(db.db, async (tx, onCommit) => {
          runs.push(first);
          await tx.updateTable('job_schedules').set({ kind: first }).where('name', '=', first).execute();
          if (++arrived === 2) release();
          await bothHoldOne;
          await tx.updateTable('job_schedules').set({ kind: first }).where('name', '=', second).execute();
          onCommit(() => void runs.push(`${first} committed`));
        });
      await Promise.all([swap('x', 'y'), swap('y', 'x')]);
      expect(runs.filter((r) => r.endsWith('committed')).sort()).toEqual(['x committed', 'y committed']);
      expect(runs.length).toBe(5); // one of the two ran twice
    },
  );
});
