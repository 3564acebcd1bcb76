import type {
  BacklogBucket,
  DashboardFigure,
  DashboardQuery,
  QualityDashboard,
} from '#contracts/dashboards.ts';

const DAY_MS = 86_400_000;
export const DEFAULT_PERIOD_DAYS = 30;
export const OPEN_PHASES = ['triage', 'response', 'eradication', 'recovery'] as const;

/** The period asked for, defaulting to the 30 days before now; a problem when it is empty or reversed. */
export function resolvePeriod(
  query: Pick<DashboardQuery, 'from' | 'to'>,
  now: Date,
): { from: string; to: string } | { problem: string } {
  const to = query.to ? new Date(query.to) : now;
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - DEFAULT_PERIOD_DAYS * DAY_MS);
  if (from.getTime() >= to.getTime()) return { problem: 'must be before `to`' };
  return { from: from.toISOString(), to: to.toISOString() };
}

/** Lower bounds of the backlog buckets as creation-time cut-offs: created after the cut = younger. */
export function backlogCuts(now: Date): { bucket: BacklogBucket; createdAfter: string | null }[] {
  const ago = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();
  return [
    { bucket: '<1d', createdAfter: ago(1) },
    { bucket: '1-7d', createdAfter: ago(7) },
    { bucket: '7-30d', createdAfter: ago(30) },
    { bucket: '30-90d', createdAfter: ago(90) },
    { bucket: '>=90d', createdAfter: null },
  ];
}

/** `part / whole`, or null when there is nothing to divide. */
export const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/**
 * Timeline `change` values of a reopening: from a closed phase back to an open one. The recorder writes
 * `JSON.stringify({ before, after })`, so matching the exact strings needs no JSON functions in SQL.
 */
export const REOPEN_CHANGES: string[] = ['closed', 'post_analysis_done'].flatMap((before) =>
  OPEN_PHASES.map((after) => JSON.stringify({ before, after })),
);

// OWASP "CSV injection": spreadsheets run cells starting with these as formulas.
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell (RFC 4180 quoting); text that a spreadsheet would run as a formula is defused with `'`. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const csv = (rows: (string | number | null)[][]) =>
  rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';

/** The rows of one figure as CSV, header first. */
export function figureCsv(figure: DashboardFigure, d: QualityDashboard): string {
  switch (figure) {
    case 'open':
      return csv([['priority', 'phase', 'count'], ...d.open.map((o) => [o.priority, o.phase, o.count])]);
    case 'sla':
      return csv([
        ['clock', 'total', 'met', 'breached', 'pending', 'breached_open', 'compliance'],
        ...d.sla.map((s) => [s.clock, s.total, s.met, s.breached, s.pending, s.breachedOpen, s.compliance]),
      ]);
    case 'durations':
      return csv([
        ['measure', 'by', 'group', 'label', 'count', 'median_seconds', 'p90_seconds'],
        ...d.durations.map((x) => [
          x.measure,
          x.by,
          x.group,
          x.label,
          x.count,
          x.medianSeconds,
          x.p90Seconds,
        ]),
      ]);
    case 'backlog':
      return csv([['age', 'count'], ...d.backlog.map((b) => [b.bucket, b.count])]);
    case 'reopen':
      return csv([
        ['closed', 'reopened', 'rate'],
        [d.reopen.closed, d.reopen.reopened, d.reopen.rate],
      ]);
    case 'lessons':
      return csv([
        ['closed', 'without_lessons', 'rate'],
        [d.lessons.closed, d.lessons.withoutLessons, d.lessons.rate],
      ]);
  }
}
