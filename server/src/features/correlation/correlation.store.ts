import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Scope, Tlp } from '#contracts/identity.ts';
import type { Phase, Priority } from '#contracts/incidents.ts';
import type { ExtractedObservable, ObservableType } from '#contracts/observables.ts';
import type { Channel } from '#contracts/reports.ts';
import { inScope } from '../../platform/auth/scope-filter.ts';
import type { Queryable } from '../../platform/db/database.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { SharingRow, Window } from './correlation.rules.ts';

/** Capped counts per statement: SQLite allows 500 terms in a compound SELECT. */
const PROBES_PER_QUERY = 200;
/** Ids per `in (…)` list. */
const IDS_PER_QUERY = 500;

const lastSeen = sql<string>`coalesce(reports.last_seen_at, reports.received_at)`;

/** `(type = t1 and value in (…)) or (type = t2 and value in (…))`: index-friendly on both dialects. */
function observableIn(observables: ExtractedObservable[]) {
  const byType = new Map<string, string[]>();
  for (const o of observables) byType.set(o.type, [...(byType.get(o.type) ?? []), o.value]);
  return (eb: ExpressionBuilder<Database, 'report_observables'>): Expression<SqlBool> =>
    eb.or(
      [...byType].map(([type, values]) =>
        eb.and([eb('report_observables.type', '=', type), eb('report_observables.value', 'in', values)]),
      ),
    );
}

const chunks = <T>(items: T[], size: number) =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

export function createCorrelationStore() {
  /** What auto-linking needs of a report, whoever may see it. */
  async function subject(q: Queryable, id: string) {
    const row = await q
      .selectFrom('reports')
      .select(['id', 'status', 'source', 'constituency_id', 'received_at', lastSeen.as('last_seen')])
      .where('id', '=', id)
      .executeTakeFirst();
    return row
      ? {
          id: row.id,
          status: row.status,
          source: row.source,
          constituencyId: row.constituency_id,
          receivedAt: row.received_at,
          lastSeenAt: row.last_seen,
        }
      : undefined;
  }

  /** The reports among `ids` the scope may read, with their sighting span. */
  async function visible(q: Queryable, scope: Scope, ids: string[]) {
    const rows = await q
      .selectFrom('reports')
      .select(['id', 'received_at', lastSeen.as('last_seen')])
      .where('id', 'in', ids)
      .where(inScope(scope, 'reports'))
      .execute();
    return rows.map((r) => ({ id: r.id, receivedAt: r.received_at, lastSeenAt: r.last_seen }));
  }

  /** The observables of these reports (of these types, when given), by primary key. */
  async function observablesOf(q: Queryable, ids: string[], types?: ObservableType[]) {
    const out: (ExtractedObservable & { reportId: string })[] = [];
    for (const chunk of chunks(ids, IDS_PER_QUERY)) {
      let query = q
        .selectFrom('report_observables')
        .select(['report_id', 'type', 'value'])
        .where('report_id', 'in', chunk);
      if (types) query = query.where('type', 'in', types);
      for (const r of await query.execute())
        out.push({ reportId: r.report_id, type: r.type as ObservableType, value: r.value });
    }
    return out;
  }

  /**
   * Those of the observables more than `limit` reports carry. Each count stops at `limit + 1`, so a
   * value in half the table costs no more than a rare one.
   */
  async function common(q: Queryable, observables: ExtractedObservable[], limit: number) {
    const found = new Set<ExtractedObservable>();
    for (const chunk of chunks(observables, PROBES_PER_QUERY)) {
      const probes = chunk.map((o, i) =>
        q
          .selectFrom((eb) =>
            eb
              .selectFrom('report_observables')
              .select('report_id')
              .where('type', '=', o.type)
              .where('value', '=', o.value)
              .limit(limit + 1)
              .as('p'),
          )
          .select((eb) => [sql.lit(i).as('i'), eb.fn.countAll<number>().as('n')]),
      );
      const rows = await probes.reduce((a, b) => a.unionAll(b)).execute();
      for (const r of rows) if (Number(r.n) > limit) found.add(chunk[Number(r.i)]!);
    }
    return found;
  }

  /**
   * New or linked reports in scope carrying any of the observables, one row per report and
   * observable, with the incident each is linked to when the scope may see it: those linked to an
   * incident, and the others seen within the window.
   */
  async function sharing(
    q: Queryable,
    scope: Scope,
    observables: ExtractedObservable[],
    window: Window,
  ): Promise<SharingRow[]> {
    const out: SharingRow[] = [];
    for (const chunk of chunks(observables, IDS_PER_QUERY))
      out.push(...(await sharingChunk(q, scope, chunk, window)));
    return out;
  }

  async function sharingChunk(
    q: Queryable,
    scope: Scope,
    observables: ExtractedObservable[],
    window: Window,
  ) {
    const rows = await q
      .selectFrom('report_observables')
      .innerJoin('reports', 'reports.id', 'report_observables.report_id')
      .leftJoin('constituencies', 'constituencies.id', 'reports.constituency_id')
      .leftJoin('incident_reports', 'incident_reports.report_id', 'reports.id')
      .leftJoin('incidents', (join) =>
        join.onRef('incidents.id', '=', 'incident_reports.incident_id').on(inScope(scope, 'incidents')),
      )
      .where(observableIn(observables))
      .where('reports.status', 'in', ['new', 'linked'])
      .where(inScope(scope, 'reports'))
      .where((eb) =>
        eb.or([
          eb('incidents.key', 'is not', null),
          eb.and([eb('reports.received_at', '<=', window.to), eb(lastSeen, '>=', window.from)]),
        ]),
      )
      .select([
        'report_observables.type',
        'report_observables.value',
        'reports.id',
        'reports.title',
        'reports.channel',
        'reports.source',
        'reports.status',
        'reports.tlp',
        'reports.received_at',
        'reports.seen_count',
        lastSeen.as('last_seen'),
        'constituencies.id as constituency_id',
        'constituencies.name as constituency_name',
        'incidents.key as incident_key',
        'incidents.title as incident_title',
        'incidents.phase as incident_phase',
        'incidents.priority as incident_priority',
        'incidents.version as incident_version',
        'incidents.merged_into_id',
      ])
      .execute();
    return rows.map((r): SharingRow => ({
      observable: { type: r.type as ObservableType, value: r.value },
      report: {
        id: r.id,
        title: r.title,
        channel: r.channel as Channel,
        source: r.source,
        status: r.status as 'new' | 'linked',
        tlp: r.tlp as Tlp,
        receivedAt: r.received_at,
        lastSeenAt: r.last_seen,
        seenCount: r.seen_count,
        constituency:
          r.constituency_id && r.constituency_name
            ? { id: r.constituency_id, name: r.constituency_name }
            : null,
        incidentKey: r.incident_key,
      },
      incident: r.incident_key
        ? {
            key: r.incident_key,
            title: r.incident_title!,
            phase: r.incident_phase as Phase,
            priority: r.incident_priority as Priority | null,
            version: r.incident_version!,
            mergedInto: r.merged_into_id !== null,
          }
        : null,
    }));
  }

  /**
   * Reports linked to open incidents and seen within the window (of the constituency, when given).
   * Driven by the open incidents, so an observable in thousands of reports costs nothing here.
   */
  async function linkedInWindow(
    q: Queryable,
    open: readonly Phase[],
    window: Window,
    constituencyId: string | null,
    cap: number,
  ) {
    let query = q
      .selectFrom('incidents')
      .innerJoin('incident_reports', 'incident_reports.incident_id', 'incidents.id')
      .innerJoin('reports', 'reports.id', 'incident_reports.report_id')
      .where('incidents.phase', 'in', open)
      .where('incidents.merged_into_id', 'is', null)
      .where('reports.received_at', '<=', window.to)
      .where(lastSeen, '>=', window.from);
    if (constituencyId !== null) query = query.where('reports.constituency_id', '=', constituencyId);
    const rows = await query
      .select(['incidents.key', 'reports.id', lastSeen.as('last_seen')])
      .limit(cap)
      .execute();
    return rows.map((r) => ({ key: r.key, reportId: r.id, lastSeenAt: r.last_seen }));
  }

  return { subject, visible, observablesOf, common, sharing, linkedInWindow };
}

export type CorrelationStore = ReturnType<typeof createCorrelationStore>;
