import type { Lessons, PutLessons } from '#contracts/lessons.ts';

const labels = {
  wentWell: 'what went well',
  wentBadly: 'what went badly',
  detection: 'detection',
  response: 'response',
  organisation: 'organisation',
} as const;

/** Which parts of the lessons record an edit changes, in words for the timeline. */
export function lessonChanges(before: Lessons, after: PutLessons): string[] {
  return (Object.keys(labels) as (keyof typeof labels)[])
    .filter((field) => before[field] !== after[field])
    .map((field) => labels[field]);
}

const DAY_MS = 86_400_000;

/** The post-analysis period as ISO instants; by default the 90 days up to `now`. */
export function reviewPeriod(
  query: { from?: string | undefined; to?: string | undefined },
  now: Date,
): { from: string; to: string } | { problem: string } {
  const to = query.to ? new Date(query.to) : now;
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - 90 * DAY_MS);
  if (from >= to) return { problem: '`from` must be before `to`' };
  return { from: from.toISOString(), to: to.toISOString() };
}
