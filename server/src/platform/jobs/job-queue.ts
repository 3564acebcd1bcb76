import { randomUUID } from 'node:crypto';
import type { DatabaseHandle, Queryable } from '../db/database.ts';
import type { JobsTable } from '../db/schema.ts';
import { nextCronTime } from './job-rules.ts';

export interface EnqueueOptions {
  runAt?: Date;
  /** At most one unfinished job per key; enqueueing a duplicate returns the existing job's id. */
  dedupeKey?: string;
  maxAttempts?: number;
}

export type Job = JobsTable;

export const DEFAULT_MAX_ATTEMPTS = 5;

/** Enqueues durable jobs and cron schedules; the runner executes them. */
export function createJobQueue(handle: DatabaseHandle, now: () => Date = () => new Date()) {
  const { db } = handle;

  /**
   * Pass the transaction of the change that causes the job, so both commit or neither does.
   * With a `dedupeKey`, returns the id of the key's unfinished job when there is one.
   */
  async function enqueue(
    kind: string,
    payload: unknown,
    options: EnqueueOptions = {},
    q: Queryable = db,
  ): Promise<string> {
    // Two tries: the key's unfinished job may finish between our insert and our look-up.
    for (let attempt = 0; attempt < 2; attempt++) {
      const id = await insertJob(kind, payload, options, q);
      if (id) return id;
      const existing = await q
        .selectFrom('jobs')
        .select('id')
        .where('dedupe_key', '=', options.dedupeKey ?? '')
        .where('status', 'in', ['queued', 'running'])
        .executeTakeFirst();
      if (existing) return existing.id;
    }
    throw new Error(`could not enqueue a ${kind} job with de-duplication key ${options.dedupeKey}`);
  }

  /**
   * ON CONFLICT DO NOTHING against the partial unique index on dedupe_key: a concurrent duplicate
   * waits for the other transaction and inserts nothing, where a failed INSERT would abort the
   * caller's PostgreSQL transaction.
   */
  async function insertJob(
    kind: string,
    payload: unknown,
    options: EnqueueOptions,
    q: Queryable,
  ): Promise<string | undefined> {
    const at = now();
    const row = await q
      .insertInto('jobs')
      .values({
        id: randomUUID(),
        kind,
        payload: JSON.stringify(payload ?? null),
        status: 'queued',
        run_at: (options.runAt ?? at).toISOString(),
        attempts: 0,
        max_attempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
        lease_owner: null,
        lease_until: null,
        last_error: null,
        dedupe_key: options.dedupeKey ?? null,
        created_at: at.toISOString(),
        finished_at: null,
      })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
    return row?.id;
  }

  /** Creates or updates a cron schedule (UTC); its next run is recomputed when the expression changes. */
  async function schedule(name: string, cron: string, kind: string, payload: unknown = {}): Promise<void> {
    const next = nextCronTime(cron, now()).toISOString();
    const existing = await db
      .selectFrom('job_schedules')
      .selectAll()
      .where('name', '=', name)
      .executeTakeFirst();
    if (!existing) {
      await db
        .insertInto('job_schedules')
        .values({ name, cron, kind, payload: JSON.stringify(payload), next_run_at: next, last_run_at: null })
        .onConflict((oc) => oc.column('name').doNothing())
        .execute();
      return;
    }
    if (existing.cron !== cron || existing.kind !== kind || existing.payload !== JSON.stringify(payload)) {
      await db
        .updateTable('job_schedules')
        .set({ cron, kind, payload: JSON.stringify(payload), next_run_at: next })
        .where('name', '=', name)
        .execute();
    }
  }

  /** Removes a schedule a newer version no longer registers; its queued job, if any, stays. */
  async function unschedule(name: string): Promise<void> {
    await db.deleteFrom('job_schedules').where('name', '=', name).execute();
  }

  function get(id: string): Promise<Job | undefined> {
    return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  }

  function list(filter: { status?: Job['status']; kind?: string; limit?: number } = {}): Promise<Job[]> {
    let q = db
      .selectFrom('jobs')
      .selectAll()
      .orderBy('created_at', 'desc')
      .limit(filter.limit ?? 100);
    if (filter.status) q = q.where('status', '=', filter.status);
    if (filter.kind) q = q.where('kind', '=', filter.kind);
    return q.execute();
  }

  return { enqueue, schedule, unschedule, get, list };
}

export type JobQueue = ReturnType<typeof createJobQueue>;
