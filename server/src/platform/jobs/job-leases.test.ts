import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../db/database.ts';
import { createLogger } from '../log/logger.ts';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../testing/test-database.ts';
import { createJobQueue, type JobQueue } from './job-queue.ts';
import { createJobRunner, type JobHandler } from './job-runner.ts';
import { closeHandles } from './testing/close-handles.ts';
import { until } from './testing/until.ts';

const log = createLogger('silent');

describeEachDialect('job leases', (dialect) => {
  let db: TestDatabase;
  let queue: JobQueue;
  const extra: DatabaseHandle[] = [];
  const children: ChildProcess[] = [];
  beforeEach(async () => {
    db = await createTestDatabase(dialect);
    queue = createJobQueue(db);
  });
  afterEach(async () => {
    for (const c of children.splice(0)) c.kill('SIGKILL');
    await closeHandles([...extra.splice(0), db], db.databaseUrl);
    await db.drop();
  });

  const runner = (handlers: JobHandler<any>[], handle: DatabaseHandle = db, now?: () => Date) =>
    createJobRunner(handle, { handlers, log, leaseMs: 300, pollMs: 20, ...(now ? { now } : {}) });

  async function secondHandle(): Promise<DatabaseHandle> {
    const other = await openDatabase({ dataDir: db.dataDir, databaseUrl: db.databaseUrl });
    extra.push(other);
    return other;
  }

  it('never runs a job twice when two nodes compete', async () => {
    const other = await secondHandle();
    for (let i = 0; i < 50; i++) await queue.enqueue('test.count', { i });
    const runs: number[] = [];
    const handler: JobHandler<{ i: number }> = {
      kind: 'test.count',
      run: async ({ i }) => void runs.push(i),
    };
    const nodes = [runner([handler]), runner([handler], other)];
    for (const n of nodes) n.start();
    await until(async () => (await queue.list({ status: 'done', limit: 100 })).length === 50);
    await Promise.all(nodes.map((n) => n.stop()));
    expect(runs.sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    const jobs = await queue.list({ limit: 100 });
    expect(jobs.every((j) => j.status === 'done' && j.attempts === 1)).toBe(true);
  });

  it('reclaims an expired lease, and the node that lost it cannot finish the job', async () => {
    const t0 = new Date('2026-01-01T00:00:00Z');
    const id = await createJobQueue(db, () => t0).enqueue('test.stuck', {});
    let release = () => undefined as void;
    let lostSignal: AbortSignal | undefined;
    const stuck = runner(
      [
        {
          kind: 'test.stuck',
          run: (_p, ctx) => ((lostSignal = ctx.signal), new Promise<void>((r) => (release = r))),
        },
      ],
      db,
      () => t0,
    );
    const stuckRun = stuck.runOnce();
    await until(() => lostSignal !== undefined);

    const later = () => new Date(t0.getTime() + 60_000); // long after the 300 ms lease
    let reclaimed = 0;
    const rescuer = runner(
      [{ kind: 'test.stuck', run: async () => void reclaimed++ }],
      await secondHandle(),
      later,
    );
    expect(await rescuer.runOnce()).toBe(1);
    expect(reclaimed).toBe(1);
    await until(() => lostSignal?.aborted === true, 5000); // its heartbeat found the lease gone
    release();
    await stuckRun;
    expect(await queue.get(id)).toMatchObject({ status: 'done', attempts: 2, lease_owner: null });
  });

  it('runs a job again, exactly once, after its worker is killed with SIGKILL mid-run', async () => {
    const marker = path.join(db.dataDir, 'marker.txt');
    const id = await queue.enqueue('test.slow', {});
    const fixture = path.join(import.meta.dirname, 'testing', 'kill-worker.fixture.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', fixture, db.databaseUrl ?? db.file!, marker], {
      stdio: 'inherit',
    });
    children.push(child);
    await until(() => existsSync(marker) && readFileSync(marker, 'utf8').includes('started'));
    expect((await queue.get(id))?.status).toBe('running');
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;

    const completed = runner([{ kind: 'test.slow', run: async () => appendFileSync(marker, 'completed\n') }]);
    await until(async () => (await completed.runOnce()) > 0);
    expect(readFileSync(marker, 'utf8')).toBe('started\ncompleted\n');
    expect(await queue.get(id)).toMatchObject({ status: 'done', attempts: 2 });
    expect(await completed.runOnce()).toBe(0);
  });
});
