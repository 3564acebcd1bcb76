import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { DurationMeasure } from '#contracts/dashboards.ts';
import type { Scope } from '#contracts/identity.ts';
import { inScope } from '../../platform/auth/scope-filter.ts';
import type { Dialect, Queryable } from '../../platform/db/database.ts';
import type { Database } from '../../platform/db/schema.ts';
import { secondsBetween } from '../../platform/db/sql-time.ts';
import { OPEN_PHASES, REOPEN_CHANGES } from './dashboard.rules.ts';

export interface DashboardFilter {
  scope: Scope;
  constituencyId?: string | undefined;
  class?: string | undefined;
}

/** The incident's class: that of its latest classification (initial, triage, final …). */
const classOf = sql<string | null>`(select tt.class from incident_classifications ic
  join taxonomy_types tt on tt.id = ic.type_id
  where ic.incident_id = incidents.id order by ic.at desc, ic.id desc limit 1)`;

/** The incident's handler: its lead, else the first handler assigned. */
const handlerOf = sql<string | null>`(select ia.user_id from incident_assignees ia
  where ia.incident_id = incidents.id
  order by case when ia.role = 'lead' then 0 else 1 end, ia.assigned_at limit 1)`;

const num = (v: unknown) => Number(v ?? 0);

export interface DurationRow {
  measure: DurationMeasure;
  by: 'all' | 'class' | 'constituency' | 'handler';
  group: string;
  count: number;
  median: number;
  p90: number;
}

export function createDashboardStore(dialect: Dialect) {
  /** Scope, constituency and class filters; merged incidents live on in their survivor. */
  const filtered = (f: DashboardFilter) => (eb: ExpressionBuilder<Database, 'incidents'>) => {
    const conditions: Expression<SqlBool>[] = [
      inScope(f.scope, 'incidents')(eb),
      eb('incidents.merged_into_id', 'is', null),
    ];
    if (f.constituencyId) conditions.push(eb('incidents.constituency_id', '=', f.constituencyId));
    if (f.class) conditions.push(sql<SqlBool>`${classOf} = ${f.class}`);
    return eb.and(conditions);
  };
  const createdIn = (from: string, to: string) => (eb: ExpressionBuilder<Database, 'incidents'>) =>
    eb.and([eb('incidents.created_at', '>=', from), eb('incidents.created_at', '<', to)]);

  async function openCounts(q: Queryable, f: DashboardFilter) {
    const rows = await q
      .selectFrom('incidents')
      .select((eb) => ['priority', 'phase', eb.fn.countAll<number>().as('n')])
      .where(filtered(f))
      .where('phase', 'in', [...OPEN_PHASES])
      .groupBy(['priority', 'phase'])
      .execute();
    return rows.map((r) => ({ priority: r.priority ?? 'none', phase: r.phase, count: num(r.n) }));
  }

  /** Open incidents per creation-time band; `cuts` are descending cut-offs, the last band is open-ended. */
  async function backlog(q: Queryable, f: DashboardFilter, cuts: string[]) {
    const bands = cuts.map((cut, i) =>
      i === 0
        ? sql`sum(case when created_at > ${cut} then 1 else 0 end)`
        : sql`sum(case when created_at > ${cut} and created_at <= ${cuts[i - 1]} then 1 else 0 end)`,
    );
    bands.push(sql`sum(case when created_at <= ${cuts[cuts.length - 1]} then 1 else 0 end)`);
    const row = await q
      .selectFrom('incidents')
      .select(bands.map((b, i) => b.as(`b${i}`)))
      .where(filtered(f))
      .where('phase', 'in', [...OPEN_PHASES])
      .executeTakeFirstOrThrow();
    return bands.map((_, i) => num((row as Record<string, unknown>)[`b${i}`]));
  }

  /** Each SLA clock of the period's incidents: met in time, breached (late or overdue), running. */
  async function sla(q: Queryable, f: DashboardFilter, from: string, to: string, now: string) {
    const open = sql.join(OPEN_PHASES.map((p) => sql.lit(p)));
    const clock = (due: string, done: string, name: string) => {
      const [d, x] = [sql.ref(due), sql.ref(done)];
      return [
        sql`sum(case when ${d} is not null then 1 else 0 end)`.as(`${name}_total`),
        sql`sum(case when ${x} <= ${d} then 1 else 0 end)`.as(`${name}_met`),
        sql`sum(case when ${x} > ${d} or (${x} is null and ${d} <= ${now}) then 1 else 0 end)`.as(
          `${name}_breached`,
        ),
        sql`sum(case when ${x} is null and ${d} > ${now} then 1 else 0 end)`.as(`${name}_pending`),
        sql`sum(case when ${x} is null and ${d} <= ${now} and phase in (${open}) then 1 else 0 end)`.as(
          `${name}_open`,
        ),
      ];
    };
    const row = (await q
      .selectFrom('incidents')
      .select([
        ...clock('response_due_at', 'responded_at', 'response'),
        ...clock('resolution_due_at', 'closed_at', 'resolution'),
      ])
      .where(filtered(f))
      .where(createdIn(from, to))
      .executeTakeFirstOrThrow()) as Record<string, unknown>;
    return (['response', 'resolution'] as const).map((name) => ({
      clock: name,
      total: num(row[`${name}_total`]),
      met: num(row[`${name}_met`]),
      breached: num(row[`${name}_breached`]),
      pending: num(row[`${name}_pending`]),
      breachedOpen: num(row[`${name}_open`]),
    }));
  }

  /**
   * Median and p90 (nearest rank: the value at rank ⌈n·p⌉) of each measure, overall and per class,
   * constituency and handler, in one pass with window functions both dialects have.
   */
  async function durations(
    q: Queryable,
    f: DashboardFilter,
    from: string,
    to: string,
    groups = true,
  ): Promise<DurationRow[]> {
    const base = q
      .selectFrom('incidents')
      .select([
        secondsBetween(dialect, 'created_at', 'verified_at').as('triage'),
        secondsBetween(dialect, 'created_at', 'responded_at').as('acknowledge'),
        secondsBetween(dialect, 'created_at', 'closed_at').as('resolve'),
        ...(groups ? [classOf.as('cls'), 'constituency_id', handlerOf.as('handler')] : []),
      ] as never[])
      .where(filtered(f))
      .where(createdIn(from, to));
    const bys: [string, string][] = groups
      ? [
          ['all', `''`],
          ['class', `coalesce(cls, '')`],
          ['constituency', `coalesce(constituency_id, '')`],
          ['handler', `coalesce(handler, '')`],
        ]
      : [['all', `''`]];
    const branches = (['triage', 'acknowledge', 'resolve'] as const).flatMap((m) =>
      bys.map(
        ([by, group]) =>
          sql`select ${sql.lit(m)} as measure, ${sql.lit(by)} as grp_by, ${sql.raw(group)} as grp, ${sql.ref(m)} as s
            from base where ${sql.ref(m)} is not null`,
      ),
    );
    const { rows } = await sql<{
      measure: string;
      grp_by: string;
      grp: string;
      n: number;
      median: number;
      p90: number;
    }>`
      -- Materialised: the class and handler subqueries run once per incident, not once per branch.
      with base as materialized ${base},
      d as (${sql.join(branches, sql` union all `)}),
      r as (select measure, grp_by, grp, s,
              row_number() over (partition by measure, grp_by, grp order by s) as rn,
              count(*) over (partition by measure, grp_by, grp) as n
            from d)
      select measure, grp_by, grp, max(n) as n,
        max(case when rn = (n * 50 + 99) / 100 then s end) as median,
        max(case when rn = (n * 90 + 99) / 100 then s end) as p90
      from r group by measure, grp_by, grp`.execute(q);
    return rows.map((r) => ({
      measure: r.measure as DurationMeasure,
      by: r.grp_by as DurationRow['by'],
      group: r.grp,
      count: num(r.n),
      median: Number(r.median),
      p90: Number(r.p90),
    }));
  }

  /** Period incidents closed at least once, and those reopened (a closed → open phase change). */
  async function reopen(q: Queryable, f: DashboardFilter, from: string, to: string) {
    const inner = q
      .selectFrom('incidents')
      .select((eb) => [
        'closed_at',
        eb
          .case()
          .when(
            eb.exists(
              eb
                .selectFrom('incident_timeline')
                .select(sql.lit(1).as('one'))
                .whereRef('incident_timeline.incident_id', '=', 'incidents.id')
                .where('incident_timeline.kind', '=', 'phase_changed')
                .where('incident_timeline.change', 'in', REOPEN_CHANGES),
            ),
          )
          .then(1)
          .else(0)
          .end()
          .as('reopened'),
      ])
      .where(filtered(f))
      .where(createdIn(from, to))
      .as('p');
    const row = await q
      .selectFrom(inner)
      .select([
        sql<number>`sum(case when reopened = 1 or closed_at is not null then 1 else 0 end)`.as('closed'),
        sql<number>`sum(reopened)`.as('reopened'),
      ])
      .executeTakeFirstOrThrow();
    return { closed: num(row.closed), reopened: num(row.reopened) };
  }

  /** Incidents closed in the period; those still `closed` have not had their lessons review. */
  async function lessons(q: Queryable, f: DashboardFilter, from: string, to: string) {
    const row = await q
      .selectFrom('incidents')
      .select((eb) => [
        eb.fn.countAll<number>().as('closed'),
        sql<number>`sum(case when phase = 'closed' then 1 else 0 end)`.as('without'),
      ])
      .where(filtered(f))
      .where('phase', 'in', ['closed', 'post_analysis_done'])
      .where('closed_at', '>=', from)
      .where('closed_at', '<', to)
      .executeTakeFirstOrThrow();
    return { closed: num(row.closed), withoutLessons: num(row.without) };
  }

  /** Display names of the groups: class labels, constituency and user names. */
  async function labels(q: Queryable, ids: { classes: string[]; constituencies: string[]; users: string[] }) {
    const none = ['\u0000'];
    const [classes, constituencies, users] = await Promise.all([
      q
        .selectFrom('taxonomy_types')
        .select(['class as id', 'class_label as name'])
        .distinct()
        .where('class', 'in', ids.classes.length ? ids.classes : none)
        .execute(),
      q
        .selectFrom('constituencies')
        .select(['id', 'name'])
        .where('id', 'in', ids.constituencies.length ? ids.constituencies : none)
        .execute(),
      q
        .selectFrom('users')
        .select(['id', 'name'])
        .where('id', 'in', ids.users.length ? ids.users : none)
        .execute(),
    ]);
    const map = (rows: { id: string; name: string }[]) => new Map(rows.map((r) => [r.id, r.name]));
    return { class: map(classes), constituency: map(constituencies), handler: map(users) };
  }

  return { openCounts, backlog, sla, durations, reopen, lessons, labels };
}

export type DashboardStore = ReturnType<typeof createDashboardStore>;
