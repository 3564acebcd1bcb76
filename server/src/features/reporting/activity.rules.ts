import type { ActivityReport, CountRow } from '#contracts/reporting.ts';

/** What the activity report needs of one incident opened in the period. */
export interface ActivityIncident {
  createdAt: string;
  respondedAt: string | null;
  closedAt: string | null;
  priority: string | null;
  classId: string | null;
  classLabel: string | null;
  hasSla: boolean;
  responseBreached: boolean;
  resolutionBreached: boolean;
}

/** The median of the values (mean of the two middle ones for an even count); null for none. */
export function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const hours = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 3_600_000;
const round2 = (n: number | null) => (n === null ? null : Math.round(n * 100) / 100);

function countBy(items: ActivityIncident[], key: (i: ActivityIncident) => [string, string]): CountRow[] {
  const rows = new Map<string, CountRow>();
  for (const item of items) {
    const [k, label] = key(item);
    const row = rows.get(k) ?? { key: k, label, count: 0 };
    row.count += 1;
    rows.set(k, row);
  }
  return [...rows.values()].sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

/** Counts, SLA compliance and median times over the incidents opened in the period. */
export function activityFigures(
  items: ActivityIncident[],
): Omit<ActivityReport, 'from' | 'to' | 'constituency' | 'generatedAt'> {
  const withTargets = items.filter((i) => i.hasSla);
  const compliant = withTargets.filter((i) => !i.responseBreached && !i.resolutionBreached).length;
  const acknowledge = items.filter((i) => i.respondedAt).map((i) => hours(i.createdAt, i.respondedAt!));
  const resolve = items.filter((i) => i.closedAt).map((i) => hours(i.createdAt, i.closedAt!));
  return {
    total: items.length,
    closed: resolve.length,
    byClass: countBy(items, (i) =>
      i.classId ? [i.classId, i.classLabel ?? i.classId] : ['', 'Unclassified'],
    ),
    byPriority: countBy(items, (i) => (i.priority ? [i.priority, i.priority] : ['', 'No priority'])).sort(
      (a, b) => (a.key || 'P9').localeCompare(b.key || 'P9'),
    ),
    sla: {
      withTargets: withTargets.length,
      compliant,
      responseBreached: withTargets.filter((i) => i.responseBreached).length,
      resolutionBreached: withTargets.filter((i) => i.resolutionBreached).length,
      compliancePercent: withTargets.length ? Math.round((compliant / withTargets.length) * 1000) / 10 : null,
    },
    times: {
      acknowledgeMedianHours: round2(median(acknowledge)),
      acknowledged: acknowledge.length,
      resolveMedianHours: round2(median(resolve)),
      resolved: resolve.length,
    },
  };
}

/** The period as half-open UTC instants: `from` at midnight to the day after `to`. */
export function periodBounds(from: string, to: string): { start: string; end: string } | null {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`) + 86_400_000;
  if (Number.isNaN(start) || Number.isNaN(end) || end <= start) return null;
  return { start: new Date(start).toISOString(), end: new Date(end).toISOString() };
}
