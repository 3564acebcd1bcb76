import { CronExpressionParser } from 'cron-parser';
import type { JobsTable } from '../db/schema.ts';

const BASE_DELAY_MS = 5_000;
const MAX_DELAY_MS = 60 * 60_000;
const MAX_ERROR_CHARS = 2000;

/**
 * Exponential back-off with ±20 % jitter, so jobs that failed together (a mail server down)
 * do not all retry in the same second. `random` is injectable for tests.
 */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const exponential = Math.min(BASE_DELAY_MS * 2 ** Math.max(0, attempt - 1), MAX_DELAY_MS);
  return Math.round(exponential * (0.8 + 0.4 * random()));
}

/** The next time a cron expression (UTC) fires strictly after `after`. Throws on a malformed expression. */
export function nextCronTime(cron: string, after: Date): Date {
  return CronExpressionParser.parse(cron, { currentDate: after, tz: 'UTC' }).next().toDate();
}

/** Error text kept on a job: enough to diagnose, bounded so a huge message cannot bloat the table. */
export function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, MAX_ERROR_CHARS);
}

/** The columns a finished attempt writes: done, back to the queue for a retry, or dead for good. */
export type JobOutcome =
  | { status: 'done'; finished_at: string }
  | { status: 'queued'; run_at: string; last_error: string }
  | { status: 'dead'; finished_at: string; last_error: string };

/** Decides what an attempt that ended with `error` (null: success) does to its job. */
export function jobOutcome(
  job: Pick<JobsTable, 'attempts' | 'max_attempts'>,
  error: unknown,
  at: Date,
  random: () => number = Math.random,
): JobOutcome {
  if (error === null) return { status: 'done', finished_at: at.toISOString() };
  const last_error = describeError(error);
  if (job.attempts >= job.max_attempts) return { status: 'dead', finished_at: at.toISOString(), last_error };
  const run_at = new Date(at.getTime() + retryDelayMs(job.attempts, random)).toISOString();
  return { status: 'queued', run_at, last_error };
}
