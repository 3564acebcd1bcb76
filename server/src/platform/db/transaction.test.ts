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
});
