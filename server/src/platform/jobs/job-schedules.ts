import type { Logger } from 'pino';
import type { Db } from '../db/database.ts';
import type { JobSchedulesTable } from '../db/schema.ts';
import type { JobQueue } from './job-queue.ts';
import { nextCronTime } from './job-rules.ts';

/**
 * Enqueues every cron schedule that is due at `at`, once however many nodes call this at the same
 * moment. A schedule that cannot fire (a hand-edited, malformed expression) is logged and skipped,
 * so it does not hold back the others.
 */
export async function fireDueSchedules(db: Db, queue: JobQueue, at: Date, log: Logger): Promise<number> {
  const due = await db
    .selectFrom('job_schedules')
    .selectAll()
    .where('next_run_at', '<=', at.toISOString())
    .execute();
  let fired = 0;
  for (const schedule of due) {
    try {
      if (await fireSchedule(db, queue, schedule, at)) fired++;
    } catch (err) {
      log.error({ err, schedule: schedule.name }, 'cron schedule could not fire');
    }
  }
  return fired;
}

/**
 * The claim is the conditional update of `next_run_at` from the value this node read: on PostgreSQL
 * a second node blocks on the row lock, then re-checks the condition against the committed row and
 * updates nothing; SQLite has one writer. The job is enqueued in the same transaction, so a crash
 * cannot advance the schedule without enqueueing its job.
 */
async function fireSchedule(db: Db, queue: JobQueue, s: JobSchedulesTable, at: Date): Promise<boolean> {
  // Computed from now, not from the missed time: a node down for a day fires once, not 24 times.
  const next = nextCronTime(s.cron, at).toISOString();
  return db.transaction().execute(async (tx) => {
    const claimed = await tx
      .updateTable('job_schedules')
      .set({ next_run_at: next, last_run_at: at.toISOString() })
      .where('name', '=', s.name)
      .where('next_run_at', '=', s.next_run_at)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return false;
    // The key skips a run while the previous one is still queued or running.
    const payload: unknown = JSON.parse(s.payload);
    await queue.enqueue(s.kind, payload, { runAt: at, dedupeKey: `schedule:${s.name}` }, tx);
    return true;
  });
}
