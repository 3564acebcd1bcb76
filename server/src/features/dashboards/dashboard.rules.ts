import type {
  BacklogBucket,
  DashboardFigure,
  DashboardQuery,
  DurationMeasure,
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

export const MEASURES: DurationMeasure[] = ['triage', 'acknowledge', 'resolve'];
export const BYS = ['all', 'class', 'constituency', 'handler'] as const;

/** One incident's durations in seconds (null: not reached) and, when grouped, its groups. */
export type DurationSample = Record<DurationMeasure, number | null> & {
  class?: string | null;
  constituency?: string | null;
  handler?: string | null;
};

export interface DurationRow {
  measure: DurationMeasure;
  by: (typeof BYS)[number];
  /** '' for the incidents without one (unclassified, unassigned …) and for `all`. */
  group: string;
  count: number;
  median: number;
  p90: number;
}

/**
 * Nearest rank: the value at rank ⌈n·p/100⌉ of `values` in ascending order (integer arithmetic, so no
 * float rounding moves the rank). Selects instead of sorting, reordering `values` in place: sorting the
 * groups of 100,000 incidents took longer than the rest of the computing.
 */
export function nearestRank(values: Float64Array, percent: number): number {
  const k = Math.floor((values.length * percent + 99) / 100) - 1;
  let [lo, hi] = [0, values.length - 1];
  // Quickselect (Hoare): narrow [lo, hi] to the side of the partition that holds index k.
  while (lo < hi) {
    const pivot = values[(lo + hi) >>> 1]!;
    let [i, j] = [lo, hi];
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        [values[i], values[j]] = [values[j]!, values[i]!];
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break; // between the two sides: equal to the pivot
  }
  return values[k]!;
}

/** Median and p90 of each measure, overall and (with `groups`) per class, constituency and handler. */
export function durationFigures(samples: DurationSample[], groups: boolean): DurationRow[] {
  const rows: DurationRow[] = [];
  for (const measure of MEASURES)
    for (const by of groups ? BYS : (['all'] as const)) {
      const buckets = new Map<string, number[]>();
      for (const s of samples) {
        const value = s[measure];
        if (value === null) continue;
        const group = by === 'all' ? '' : (s[by] ?? '');
        const bucket = buckets.get(group);
        if (bucket) bucket.push(value);
        else buckets.set(group, [value]);
      }
      for (const [group, values] of buckets) {
        const array = Float64Array.from(values);
        rows.push({
          measure,
          by,
          group,
          count: array.length,
          median: nearestRank(array, 50),
          p90: nearestRank(array, 90),
        });
      }
    }
  return rows;
}

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
