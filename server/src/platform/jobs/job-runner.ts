import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { DatabaseHandle } from '../db/database.ts';
import { createJobQueue, type Job, type JobQueue } from './job-queue.ts';
import { jobOutcome } from './job-rules.ts';
import { fireDueSchedules } from './job-schedules.ts';

export interface JobContext {
  jobId: string;
  attempt: number;
  /** Aborted when the job times out or this node loses its lease: stop and return. */
  signal: AbortSignal;
  log: Logger;
}

export interface JobHandler<P = unknown> {
  kind: string;
  run(payload: P, ctx: JobContext): Promise<void>;
  /** Default ten minutes; on timeout the attempt fails and the signal is aborted. */
  timeoutMs?: number;
}

export interface RunnerOptions {
  handlers: JobHandler<any>[];
  log: Logger;
  /** How long a claim lasts without a heartbeat; a dead node's jobs are reclaimed after it. */
  leaseMs: number;
  pollMs: number;
  /** Jobs this runner runs at once (default 2). */
  concurrency?: number;
  nodeId?: string;
  now?: () => Date;
  /** The queue cron schedules enqueue through; by default one on the same handle and clock. */
  queue?: JobQueue;
}

const DEFAULT_TIMEOUT_MS = 10 * 60_000;

/**
 * Claims and runs jobs. A claim is a lease: the runner heartbeats it while the handler runs; a node that
 * dies (even by SIGKILL) stops heartbeating, the lease expires, and another node claims the job again.
 * Every later write is fenced by `lease_owner = me AND attempts = the claimed attempt`, so a node that
 * lost its lease (or an older run on this same node) cannot finish or retry the job.
 */
export function createJobRunner(handle: DatabaseHandle, options: RunnerOptions) {
  const { db } = handle;
  const nodeId = options.nodeId ?? randomUUID();
  const now = options.now ?? (() => new Date());
  const queue = options.queue ?? createJobQueue(handle, now);
  const concurrency = options.concurrency ?? 2;
  const handlers = new Map(options.handlers.map((h) => [h.kind, h]));
  // Only kinds this node can run: a worker of an older version leaves a newer kind for a newer node.
  const kinds = [...handlers.keys()];
  const running = new Set<Promise<void>>();

  const leaseUntil = () => new Date(now().getTime() + options.leaseMs).toISOString();
  const fenced = (job: Job) =>
    db
      .updateTable('jobs')
      .where('id', '=', job.id)
      .where('lease_owner', '=', nodeId)
      .where('attempts', '=', job.attempts);

  /** Claims up to `limit` ready jobs: due queued ones, and running ones whose node stopped heartbeating. */
  async function claim(limit: number): Promise<Job[]> {
    if (limit <= 0 || kinds.length === 0) return [];
    const at = now().toISOString();
    return db
      .updateTable('jobs')
      .set((eb) => ({
        status: 'running',
        lease_owner: nodeId,
        lease_until: leaseUntil(),
        attempts: eb('attempts', '+', 1),
      }))
      .where('id', 'in', (eb) => {
        const ready = eb
          .selectFrom('jobs')
          .select('id')
          .where('kind', 'in', kinds)
          .where((w) =>
            w.or([
              w.and([w('status', '=', 'queued'), w('run_at', '<=', at)]),
              w.and([w('status', '=', 'running'), w('lease_until', '<', at)]),
            ]),
          )
          .orderBy('run_at')
          .limit(limit);
        // Several nodes on one PostgreSQL: each skips rows another is claiming. SQLite has one writer.
        return handle.dialect === 'postgres' ? ready.forUpdate().skipLocked() : ready;
      })
      .returningAll()
      .execute();
  }

  /**
   * Renews the lease every lease/3 while the handler runs. Aborts the handler when the lease is gone
   * (another node reclaimed the job) or could not be renewed for a whole lease (the database is
   * unreachable, so another node may already be running the job).
   */
  function holdLease(job: Job, controller: AbortController, log: Logger): () => void {
    let renewedAt = Date.now();
    let held = true;
    const beat = async () => {
      try {
        const r = await fenced(job).set({ lease_until: leaseUntil() }).executeTakeFirst();
        if (!held) return;
        if (Number(r.numUpdatedRows) === 0) controller.abort(new Error('lease lost to another node'));
        else renewedAt = Date.now();
      } catch (err) {
        log.warn({ err }, 'lease heartbeat failed');
        if (held && Date.now() - renewedAt > options.leaseMs) controller.abort(new Error('lease expired'));
      }
    };
    const timer = setInterval(() => void beat(), Math.max(50, options.leaseMs / 3));
    return () => {
      held = false;
      clearInterval(timer);
    };
  }

  /** Writes the attempt's outcome; never throws, since an unwritten outcome is retried once the lease expires. */
  async function settle(job: Job, error: unknown, log: Logger): Promise<void> {
    const outcome = jobOutcome(job, error, now());
    try {
      const r = await fenced(job)
        .set({ ...outcome, lease_owner: null, lease_until: null })
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) log.warn('lease lost before the attempt ended; outcome dropped');
      else if (outcome.status === 'dead') log.error({ err: outcome.last_error }, 'job failed for good');
      else if (outcome.status === 'queued')
        log.warn({ err: outcome.last_error, retryAt: outcome.run_at }, 'job failed; will retry');
    } catch (err) {
      log.error({ err }, 'could not record the job outcome; it runs again when its lease expires');
    }
  }

  async function execute(job: Job): Promise<void> {
    const log = options.log.child({ jobId: job.id, kind: job.kind, attempt: job.attempts, nodeId });
    const handler = handlers.get(job.kind);
    // Unreachable while claims filter by kind; dead at once rather than retried, if it ever happens.
    if (!handler) return settle({ ...job, max_attempts: job.attempts }, new Error('no handler'), log);
    // Reclaimed after its node died on the last allowed attempt: give up rather than loop forever.
    if (job.attempts > job.max_attempts)
      return settle(job, new Error('the job’s lease expired on every attempt'), log);
    const controller = new AbortController();
    const release = holdLease(job, controller, log);
    const timeoutMs = handler.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const timeout = setTimeout(
      () => controller.abort(new Error(`timed out after ${timeoutMs} ms`)),
      timeoutMs,
    );
    let error: unknown = null;
    try {
      await untilAborted(controller.signal, () =>
        handler.run(JSON.parse(job.payload), {
          jobId: job.id,
          attempt: job.attempts,
          signal: controller.signal,
          log,
        }),
      );
    } catch (err) {
      error = err ?? new Error('the job failed without an error'); // `throw null` is still a failure
    } finally {
      release();
      clearTimeout(timeout);
    }
    await settle(job, error, log);
  }

  function track(run: Promise<void>): Promise<void> {
    running.add(run);
    return run.finally(() => running.delete(run));
  }

  /** One round for tests and `start`: fire due schedules, claim what fits, run it to the end. */
  async function runOnce(): Promise<number> {
    await fireDueSchedules(db, queue, now(), options.log);
    const jobs = await claim(concurrency - running.size);
    await Promise.all(jobs.map((job) => track(execute(job))));
    return jobs.length;
  }

  const loop = createPollLoop(options, async (next) => {
    await fireDueSchedules(db, queue, now(), options.log);
    const jobs = await claim(concurrency - running.size);
    // A finished job frees a slot: look for the next one at once rather than after pollMs.
    for (const job of jobs) void track(execute(job)).then(next);
  });

  return {
    nodeId,
    runOnce,
    start: () => loop.start(),
    /** Stops polling and waits for the jobs already running; they are not aborted. */
    async stop(): Promise<void> {
      await loop.stop();
      await Promise.allSettled([...running]);
    },
  };
}

export type JobRunner = ReturnType<typeof createJobRunner>;

/** Resolves or rejects with `work`, or rejects as soon as `signal` aborts (the work is left behind). */
async function untilAborted(signal: AbortSignal, work: () => Promise<void>): Promise<void> {
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    await Promise.race([work(), aborted]);
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}

/** Calls `poll` every pollMs (or sooner through `next`), never two at a time; `stop` waits for the current one. */
function createPollLoop(
  options: Pick<RunnerOptions, 'pollMs' | 'log'>,
  poll: (next: () => void) => Promise<void>,
) {
  let stopped = true;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> | undefined;

  function next(): void {
    if (stopped || current) return;
    clearTimeout(timer);
    current = poll(next)
      .catch((err: unknown) => options.log.error({ err }, 'job polling failed'))
      .finally(() => {
        current = undefined;
        if (!stopped) timer = setTimeout(next, options.pollMs);
      });
  }

  return {
    start(): void {
      if (!stopped) return;
      stopped = false;
      next();
    },
    async stop(): Promise<void> {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}
