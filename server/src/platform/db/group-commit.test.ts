import { afterEach, expect, it } from 'vitest';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../testing/test-database.ts';
import { createGroupCommit } from './group-commit.ts';

describeEachDialect('group commit', (dialect) => {
  let db: TestDatabase;
  afterEach(() => db.drop());

  const row = (name: string) => ({
    name,
    cron: '* * * * *',
    kind: 'k',
    payload: '{}',
    next_run_at: new Date().toISOString(),
  });
  const names = async () =>
    (await db.db.selectFrom('job_schedules').select('name').orderBy('name').execute()).map((r) => r.name);

  it('writes concurrent items in one transaction and answers each after the commit', async () => {
    db = await createTestDatabase(dialect);
    const groups: string[][] = [];
    const group = createGroupCommit(
      db.db,
      async (tx, _onCommit, items: string[]) => {
        groups.push(items);
        await tx.insertInto('job_schedules').values(items.map(row)).execute();
        return items.map((i) => `ok ${i}`);
      },
      { maxItems: 10 },
    );
    const answers = await Promise.all(['a', 'b', 'c'].map((i) => group.submit(i)));
    expect(answers).toEqual(['ok a', 'ok b', 'ok c']);
    expect(groups).toEqual([['a', 'b', 'c']]);
    expect(await names()).toEqual(['a', 'b', 'c']);
  });

  it('fails only the bad item when a group fails, and writes the others', async () => {
    db = await createTestDatabase(dialect);
    const group = createGroupCommit(
      db.db,
      async (tx, _onCommit, items: string[]) => {
        for (const i of items) {
          if (i === 'bad') throw new Error('bad item');
          await tx.insertInto('job_schedules').values(row(i)).execute();
        }
        return items;
      },
      { maxItems: 10 },
    );
    const results = await Promise.allSettled(['a', 'bad', 'c'].map((i) => group.submit(i)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await names()).toEqual(['a', 'c']);
  });

  it('never writes a committed group again when an after-commit effect fails', async () => {
    db = await createTestDatabase(dialect);
    let writes = 0;
    const group = createGroupCommit(
      db.db,
      async (tx, onCommit, items: string[]) => {
        writes += 1;
        await tx.insertInto('job_schedules').values(items.map(row)).execute();
        onCommit(() => {
          throw new Error('publish failed');
        });
        return items;
      },
      { maxItems: 10 },
    );
    const results = await Promise.allSettled(['a', 'b'].map((i) => group.submit(i)));
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(writes).toBe(1);
    expect(await names()).toEqual(['a', 'b']);
  });
});
