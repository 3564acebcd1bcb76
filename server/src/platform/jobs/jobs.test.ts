import { afterEach, beforeEach, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../db/database.ts';
import { transaction } from '../db/transaction.ts';
import { createLogger } from '../log/logger.ts';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../testing/test-database.ts';
import { createJobQueue, type JobQueue } from './job-queue.ts';
import { createJobRunner, type JobHandler } from './job-runner.ts';
import { closeHandles } from './testing/close-handles.ts';
import { until } from './testing/until.ts';

const log = createLogger('silent');
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describeEachDialect('durable jobs', (dialect) => {
  let db: TestDatabase;
  let queue: JobQueue;
  const extra: DatabaseHandle[] = [];
  beforeEach(async () => {
    db = await createTestDatabase(dialect);
    queue = createJobQueue(db);
  });
  afterEach(async () => {
    await closeHandles([...extra.splice(0), db], db.databaseUrl);
    await db.drop();
  });

  const runner = (handlers: JobHandler<any>[], handle: DatabaseHandle = db, now?: () => Date) =>
    createJobRunner(handle, { handlers, log, leaseMs: 1000, pollMs: 20, ...(now ? { now } : {}) });

  it('runs a job once and marks it done', async () => {
    const seen: unknown[] = [];
    const id = await queue.enqueue('test.echo', { n: 1 });
    const r = runner([{ kind: 'test.echo', run: async (p) => void seen.push(p) }]);
    expect(await r.runOnce()).toBe(1);
    expect(await r.runOnce()).toBe(0);
    expect(seen).toEqual([{ n: 1 }]);
    expect(await queue.get(id)).toMatchObject({ status: 'done', attempts: 1, lease_owner: null });
  });

  it('retries with back-off, then gives up as dead with the last error', async () => {
    let clock = new Date('2026-01-01T00:00:00Z');
    const id = await createJobQueue(db, () => clock).enqueue('test.flaky', {}, { maxAttempts: 2 });
    let calls = 0;
    const fail = () => Promise.reject(new Error(`mail server down (${++calls})`));
    const r = runner([{ kind: 'test.flaky', run: fail }], db, () => clock);
    await r.runOnce();
    const first = await queue.get(id);
    expect(first).toMatchObject({ status: 'queued', attempts: 1, last_error: 'Error: mail server down (1)' });
    const delay = new Date(first!.run_at).getTime() - clock.getTime();
    expect(delay).toBeGreaterThanOrEqual(4000);
    expect(delay).toBeLessThanOrEqual(6000);
    expect(await r.runOnce()).toBe(0); // not yet due
    clock = new Date(clock.getTime() + delay);
    await r.runOnce();
    expect(await queue.get(id)).toMatchObject({
      status: 'dead',
      attempts: 2,
      last_error: 'Error: mail server down (2)',
      finished_at: clock.toISOString(),
    });
    clock = new Date(clock.getTime() + 24 * 3600_000);
    expect(await r.runOnce()).toBe(0);
    expect(calls).toBe(2);
  });

  it('keeps a job across a restart: enqueued before, run by a new runner after', async () => {
    const id = await queue.enqueue('test.echo', {});
    await db.close();
    const reopened = await openDatabase({ dataDir: db.dataDir, databaseUrl: db.databaseUrl });
    extra.push(reopened);
    let ran = 0;
    await runner([{ kind: 'test.echo', run: async () => void ran++ }], reopened).runOnce();
    expect(ran).toBe(1);
    expect((await createJobQueue(reopened).get(id))?.status).toBe('done');
  });

  it('enqueues in the transaction of the change that caused the job', async () => {
    const failing = transaction(db.db, async (tx) => {
      await queue.enqueue('test.echo', { lost: true }, {}, tx);
      throw new Error('the change failed');
    });
    await expect(failing).rejects.toThrow('the change failed');
    expect(await queue.list()).toEqual([]);
    const id = await transaction(db.db, (tx) => queue.enqueue('test.echo', { kept: true }, {}, tx));
    expect(await queue.get(id)).toMatchObject({ status: 'queued', payload: '{"kept":true}' });
  });

  it('de-duplicates unfinished jobs by key, also when enqueued at the same moment', async () => {
    const ids = await Promise.all(
      Array.from({ length: 8 }, () => queue.enqueue('test.echo', {}, { dedupeKey: 'k' })),
    );
    expect(new Set(ids).size).toBe(1);
    expect(await queue.list({ kind: 'test.echo' })).toHaveLength(1);
    await runner([{ kind: 'test.echo', run: async () => undefined }]).runOnce();
    expect(await queue.enqueue('test.echo', {}, { dedupeKey: 'k' })).not.toBe(ids[0]);
  });

  it('fails an attempt that outlives its timeout and aborts its signal', async () => {
    let signal: AbortSignal | undefined;
    const id = await queue.enqueue('test.hang', {}, { maxAttempts: 1 });
    const hang: JobHandler = {
      kind: 'test.hang',
      timeoutMs: 50,
      run: (_payload, ctx) => {
        signal = ctx.signal;
        return new Promise(() => undefined);
      },
    };
    await runner([hang]).runOnce();
    expect(signal?.aborted).toBe(true);
    expect(await queue.get(id)).toMatchObject({ status: 'dead', last_error: 'Error: timed out after 50 ms' });
  });

  it('leaves a kind it has no handler for to the nodes that have one', async () => {
    const id = await queue.enqueue('test.newer-kind', {});
    expect(await runner([{ kind: 'test.echo', run: async () => undefined }]).runOnce()).toBe(0);
    expect(await queue.get(id)).toMatchObject({ status: 'queued', attempts: 0 });
  });

  it('waits for running handlers when stopped', async () => {
    const id = await queue.enqueue('test.slow', {});
    let started = false;
    const r = runner([{ kind: 'test.slow', run: () => ((started = true), sleep(200)) }]);
    r.start();
    await until(() => started);
    await r.stop();
    expect(await queue.get(id)).toMatchObject({ status: 'done' });
  });

  it('fires a cron schedule once per due time, however many nodes look', async () => {
    // Separate pools on PostgreSQL. SQLite nodes are separate processes: two connections in one
    // thread would make one wait out busy_timeout synchronously while the other holds the lock.
    const other =
      dialect === 'postgres' ? await openDatabase({ dataDir: db.dataDir, databaseUrl: db.databaseUrl }) : db;
    if (other !== db) extra.push(other);
    let clock = new Date('2026-01-01T00:00:30Z');
    const now = () => clock;
    await createJobQueue(db, now).schedule('tick', '* * * * *', 'test.tick', { from: 'cron' });
    const ticks: unknown[] = [];
    const handler: JobHandler = { kind: 'test.tick', run: async (p) => void ticks.push(p) };
    const nodes = [runner([handler], db, now), runner([handler], other, now), runner([handler], other, now)];
    const everyNode = () => Promise.all(nodes.map((n) => n.runOnce()));
    await everyNode();
    expect(ticks).toEqual([]);
    for (const at of ['2026-01-01T00:01:00Z', '2026-01-01T00:02:05Z']) {
      clock = new Date(at);
      await everyNode();
      await everyNode();
    }
    expect(ticks).toEqual([{ from: 'cron' }, { from: 'cron' }]);
    const schedule = await db.db.selectFrom('job_schedules').selectAll().executeTakeFirstOrThrow();
    expect(schedule).toMatchObject({
      next_run_at: '2026-01-01T00:03:00.000Z',
      last_run_at: '2026-01-01T00:02:05.000Z',
    });
  });

  it('skips a malformed schedule without holding back the others', async () => {
    const clock = new Date('2026-01-01T00:00:00Z');
    await db.db
      .insertInto('job_schedules')
      .values({
        name: 'broken',
        cron: 'not a cron',
        kind: 'test.tick',
        payload: '{}',
        next_run_at: clock.toISOString(),
        last_run_at: null,
      })
      .execute();
    await createJobQueue(db, () => new Date(clock.getTime() - 60_000)).schedule(
      'ok',
      '* * * * *',
      'test.tick',
    );
    let ticks = 0;
    await runner([{ kind: 'test.tick', run: async () => void ticks++ }], db, () => clock).runOnce();
    expect(ticks).toBe(1);
  });
});
