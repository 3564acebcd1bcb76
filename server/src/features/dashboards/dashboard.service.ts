import type {
  DashboardCsvQuery,
  DashboardQuery,
  DurationFigure,
  QualityDashboard,
} from '#contracts/dashboards.ts';
import { requireRole, unrestrictedScope, type Actor } from '../../platform/auth/actor.ts';
import type { DatabaseHandle } from '../../platform/db/database.ts';
import { invalid } from '../../platform/http/domain-error.ts';
import { createDashboardStore, type DashboardFilter } from './dashboard.store.ts';
import {
  backlogCuts,
  BYS,
  durationFigures,
  figureCsv,
  MEASURES,
  OPEN_PHASES,
  ratio,
  resolvePeriod,
  type DurationRow,
} from './dashboard.rules.ts';

const NO_GROUP: Record<DurationRow['by'], string> = {
  all: 'All incidents',
  class: 'Unclassified',
  constituency: 'No constituency',
  handler: 'Unassigned',
};

export interface DashboardDeps {
  handle: DatabaseHandle;
  now: () => Date;
}

export function createDashboardService({ handle, now }: DashboardDeps) {
  const { db } = handle;
  const store = createDashboardStore(handle.dialect);

  async function figures(filter: DashboardFilter, query: DashboardQuery, groups: boolean) {
    const at = now();
    const period = resolvePeriod(query, at);
    if ('problem' in period)
      throw invalid('dashboard_period_invalid', `The period start ${period.problem}`, [
        { path: 'querystring.from', message: period.problem },
      ]);
    const { from, to } = period;
    const cuts = backlogCuts(at);
    const open = await store.open(
      db,
      filter,
      cuts.flatMap((c) => (c.createdAfter ? [c.createdAfter] : [])),
    );
    const { sla, reopen } = await store.cohort(db, filter, from, to, at.toISOString());
    const durations = durationFigures(await store.durations(db, filter, from, to, groups), groups);
    const lessons = await store.lessons(db, filter, from, to);
    const names = groups ? await namesOf(durations) : null;
    const dashboard: QualityDashboard = {
      from,
      to,
      generatedAt: at.toISOString(),
      open: open.counts.sort(
        (a, b) =>
          a.priority.localeCompare(b.priority) ||
          OPEN_PHASES.indexOf(a.phase as never) - OPEN_PHASES.indexOf(b.phase as never),
      ),
      sla: sla.map((s) => ({ ...s, compliance: ratio(s.met, s.met + s.breached) })),
      durations: durations
        .map((d): DurationFigure => ({
          measure: d.measure,
          by: d.by,
          group: d.group,
          label: (d.group && names?.[d.by as 'class']?.get(d.group)) || d.group || NO_GROUP[d.by],
          count: d.count,
          medianSeconds: Math.round(d.median),
          p90Seconds: Math.round(d.p90),
        }))
        .sort(
          (a, b) =>
            MEASURES.indexOf(a.measure) - MEASURES.indexOf(b.measure) ||
            BYS.indexOf(a.by) - BYS.indexOf(b.by) ||
            b.count - a.count ||
            a.label.localeCompare(b.label),
        ),
      backlog: cuts.map((c, i) => ({ bucket: c.bucket, count: open.backlog[i] ?? 0 })),
      reopen: { ...reopen, rate: ratio(reopen.reopened, reopen.closed) },
      lessons: { ...lessons, rate: ratio(lessons.withoutLessons, lessons.closed) },
    };
    return dashboard;
  }

  function namesOf(rows: DurationRow[]) {
    const of = (by: DurationRow['by']) => [
      ...new Set(rows.filter((r) => r.by === by && r.group).map((r) => r.group)),
    ];
    return store.labels(db, {
      classes: of('class'),
      constituencies: of('constituency'),
      users: of('handler'),
    });
  }

  /** The quality figures a team lead reads, within the actor's constituencies and TLP ceiling. */
  async function quality(actor: Actor, query: DashboardQuery): Promise<QualityDashboard> {
    requireRole(actor, 'handler');
    return figures(
      { scope: actor.scope, constituencyId: query.constituencyId, class: query.class },
      query,
      true,
    );
  }

  /** One figure as CSV, with a file name saying what and when. */
  async function csv(actor: Actor, query: DashboardCsvQuery): Promise<{ filename: string; body: string }> {
    const dashboard = await quality(actor, query);
    const day = (iso: string) => iso.slice(0, 10);
    return {
      filename: `firebreak-${query.figure}-${day(dashboard.from)}-${day(dashboard.to)}.csv`,
      body: figureCsv(query.figure, dashboard),
    };
  }

  /** Every incident, the last 30 days, overall durations only: what `/metrics` exposes on each scrape. */
  const forMetrics = () => figures({ scope: unrestrictedScope }, {}, false);

  return { quality, csv, forMetrics };
}

export type DashboardService = ReturnType<typeof createDashboardService>;
