import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Scope } from '#contracts/identity.ts';
import { inScope } from '../../platform/auth/scope-filter.ts';
import type { Dialect, Queryable } from '../../platform/db/database.ts';
import type { Database } from '../../platform/db/schema.ts';
import { secondsBetween } from '../../platform/db/sql-time.ts';
import { OPEN_PHASES, type DurationSample } from './dashboard.rules.ts';

export interface DashboardFilter {
  scope: Scope;
  constituencyId?: string | undefined;
  class?: string | undefined;
}

const num = (v: unknown) => Number(v ?? 0);

export function createDashboardStore(dialect: Dialect) {
  /** Scope, constituency and class filters; merged incidents live on in their survivor. */
  const filtered = (f: DashboardFilter) => (eb: ExpressionBuilder<Database, 'incidents'>) => {
    const conditions: Expression<SqlBool>[] = [
      inScope(f.scope, 'incidents')(eb),
      eb('incidents.merged_into_id', 'is', null),
    ];
    if (f.constituencyId) conditions.push(eb('incidents.constituency_id', '=', f.constituencyId));
    // Class and handler are the incident's kept facts (features/incidents refreshIncidentFacts).
    if (f.class) conditions.push(eb('incidents.current_class', '=', f.class));
    return eb.and(conditions);
  };
  const createdIn = (from: string, to: string) => (eb: ExpressionBuilder<Database, 'incidents'>) =>
    eb.and([eb('incidents.created_at', '>=', from), eb('incidents.created_at', '<', to)]);

  /**
   * Open incidents by priority and phase, and per creation-time band (`cuts` are descending cut-offs,
   * the last band is open-ended): one scan for both.
   */
  async function open(q: Queryable, f: DashboardFilter, cuts: string[]) {
    const bands = cuts.map((cut, i) =>
      i === 0
        ? sql`sum(case when created_at > ${cut} then 1 else 0 end)`
        : sql`sum(case when created_at > ${cut} and created_at <= ${cuts[i - 1]} then 1 else 0 end)`,
    );
    bands.push(sql`sum(case when created_at <= ${cuts[cuts.length - 1]} then 1 else 0 end)`);
    const rows = (await q
      .selectFrom('incidents')
      .select((eb) => [
        'priority',
        'phase',
        eb.fn.countAll<number>().as('n'),
        ...bands.map((b, i) => b.as(`b${i}`)),
      ])
      .where(filtered(f))
      .where('phase', 'in', [...OPEN_PHASES])
      .groupBy(['priority', 'phase'])
      .execute()) as (Record<string, unknown> & { priority: string | null; phase: string; n: number })[];
    return {
      counts: rows.map((r) => ({ priority: r.priority ?? 'none', phase: r.phase, count: num(r.n) })),
      backlog: bands.map((_, i) => rows.reduce((sum, r) => sum + num(r[`b${i}`]), 0)),
    };
  }

  /**
   * The period's incidents in one scan: each SLA clock (met in time, breached (late or overdue),
   * running), and those closed at least once and reopened (a closed → open phase change).
   */
  async function cohort(q: Queryable, f: DashboardFilter, from: string, to: string, now: string) {
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
        // reopen_count is a kept fact (features/incidents refreshIncidentFacts).
        sql`sum(case when reopen_count > 0 or closed_at is not null then 1 else 0 end)`.as('closed'),
        sql`sum(case when reopen_count > 0 then 1 else 0 end)`.as('reopened'),
      ])
      .where(filtered(f))
      .where(createdIn(from, to))
      .executeTakeFirstOrThrow()) as Record<string, unknown>;
    return {
      sla: (['response', 'resolution'] as const).map((name) => ({
        clock: name,
        total: num(row[`${name}_total`]),
        met: num(row[`${name}_met`]),
        breached: num(row[`${name}_breached`]),
        pending: num(row[`${name}_pending`]),
        breachedOpen: num(row[`${name}_open`]),
      })),
      reopen: { closed: num(row.closed), reopened: num(row.reopened) },
    };
  }

  /**
   * Each period incident's durations in seconds (null where the end is not reached), with its groups
   * when asked. The percentiles are selected from them in dashboard.rules: window functions over every
   * measure × grouping took seconds on 100,000 incidents, fetching and selecting takes a fraction.
   */
  async function durations(
    q: Queryable,
    f: DashboardFilter,
    from: string,
    to: string,
    groups = true,
  ): Promise<DurationSample[]> {
    return q
      .selectFrom('incidents')
      .select([
        secondsBetween(dialect, 'created_at', 'verified_at').as('triage'),
        secondsBetween(dialect, 'created_at', 'responded_at').as('acknowledge'),
        secondsBetween(dialect, 'created_at', 'closed_at').as('resolve'),
        ...(groups
          ? ([
              'current_class as class',
              'constituency_id as constituency',
              'current_handler_id as handler',
            ] as const)
          : []),
      ])
      .where(filtered(f))
      .where(createdIn(from, to))
      .execute();
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
    // No query for an empty list: `in ()` is invalid SQL, and PostgreSQL refuses a NUL placeholder.
    const rowsOf = (ids: string[], query: () => Promise<{ id: string; name: string }[]>) =>
      ids.length ? query() : Promise.resolve([]);
    const [classes, constituencies, users] = await Promise.all([
      rowsOf(ids.classes, () =>
        q
          .selectFrom('taxonomy_types')
          .select(['class as id', 'class_label as name'])
          .distinct()
          .where('class', 'in', ids.classes)
          .execute(),
      ),
      rowsOf(ids.constituencies, () =>
        q.selectFrom('constituencies').select(['id', 'name']).where('id', 'in', ids.constituencies).execute(),
      ),
      rowsOf(ids.users, () =>
        q.selectFrom('users').select(['id', 'name']).where('id', 'in', ids.users).execute(),
      ),
    ]);
    const map = (rows: { id: string; name: string }[]) => new Map(rows.map((r) => [r.id, r.name]));
    return { class: map(classes), constituency: map(constituencies), handler: map(users) };
  }

  return { open, cohort, durations, lessons, labels };
}

export type DashboardStore = ReturnType<typeof createDashboardStore>;
