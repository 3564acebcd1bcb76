import type { Scope } from '#contracts/identity.ts';
import type { IncidentCounts, Incident, Phase, TimelineEntry } from '#contracts/incidents.ts';
import type { Queryable } from '../../platform/db/database.ts';
import type {
  IncidentClassificationsTable,
  IncidentsTable,
  IncidentTimelineTable,
} from '../../platform/db/schema.ts';
import type { SearchIndex } from '../../platform/search/search-index.ts';
import { refreshIncidentFacts } from './incident-facts.store.ts';
import { hydrateIncidents, scopedIncidents } from './incident-rows.store.ts';
import { OPEN_PHASES } from './incident.rules.ts';

export interface IncidentListFilter {
  phase?: Phase | undefined;
  open?: boolean | undefined;
  /** Only incidents with (true) or without (false) a recorded SLA breach. */
  breached?: boolean | undefined;
  /** `newest` first (default) or the triage `queue` order. */
  sort?: 'newest' | 'queue' | undefined;
  /** Words of the key, title or summary. */
  q?: string | undefined;
  limit: number;
}

export function createIncidentStore(search: SearchIndex) {
  const scoped = scopedIncidents;
  const hydrate = hydrateIncidents;

  /** The next number of the year; the counter row serialises concurrent openings on both dialects. */
  async function nextNumber(q: Queryable, year: number): Promise<number> {
    const row = await q
      .insertInto('incident_counters')
      .values({ year, last: 1 })
      .onConflict((oc) =>
        oc.column('year').doUpdateSet((eb) => ({ last: eb('incident_counters.last', '+', 1) })),
      )
      .returning('last')
      .executeTakeFirstOrThrow();
    return Number(row.last);
  }

  async function get(q: Queryable, scope: Scope, key: string): Promise<Incident | undefined> {
    const row = await scoped(q, scope).where('incidents.key', '=', key).executeTakeFirst();
    if (!row) return undefined;
    return (await hydrate(q, scope, [row]))[0];
  }

  async function list(q: Queryable, scope: Scope, filter: IncidentListFilter): Promise<Incident[]> {
    let query = scoped(q, scope).limit(filter.limit);
    if (filter.sort === 'queue') {
      // The triage queue: most urgent priority first, then whichever SLA clock runs out next.
      query = query
        .orderBy('incidents.priority', (o) => o.asc().nullsLast())
        .orderBy(
          (eb) =>
            eb
              .case()
              .when('incidents.responded_at', 'is', null)
              .then(eb.ref('incidents.response_due_at'))
              .else(eb.ref('incidents.resolution_due_at'))
              .end(),
          (o) => o.asc().nullsLast(),
        )
        .orderBy('incidents.created_at', 'asc');
    } else query = query.orderBy('incidents.created_at', 'desc');
    if (filter.phase) query = query.where('incidents.phase', '=', filter.phase);
    if (filter.q) query = query.where('incidents.id', 'in', search.matching('incident', filter.q));
    if (filter.open !== undefined)
      query = query.where('incidents.phase', filter.open ? 'not in' : 'in', ['closed', 'post_analysis_done']);
    // The same set as open=true, stated so that the partial index of open incidents can serve it.
    if (filter.open) query = query.where('incidents.closed_at', 'is', null);
    if (filter.breached !== undefined) {
      const breached = filter.breached;
      query = query.where((eb) =>
        breached
          ? eb.or([
              eb('incidents.response_breached_at', 'is not', null),
              eb('incidents.resolution_breached_at', 'is not', null),
            ])
          : eb.and([
              eb('incidents.response_breached_at', 'is', null),
              eb('incidents.resolution_breached_at', 'is', null),
            ]),
      );
    }
    return hydrate(q, scope, await query.execute());
  }

  /** How many incidents the scope may see, per phase and priority; open ones breached apart. */
  async function counts(q: Queryable, scope: Scope): Promise<IncidentCounts> {
    const rows = await scoped(q, scope)
      .clearSelect()
      .select((eb) => [
        'incidents.phase',
        'incidents.priority',
        eb.fn.countAll<number>().as('n'),
        eb.fn
          .count<number>(
            eb
              .case()
              .when(
                eb.or([
                  eb('incidents.response_breached_at', 'is not', null),
                  eb('incidents.resolution_breached_at', 'is not', null),
                ]),
              )
              .then(1)
              .end(),
          )
          .as('breached'),
      ])
      .groupBy(['incidents.phase', 'incidents.priority'])
      .execute();
    const out: IncidentCounts = { total: 0, open: 0, breached: 0, byPhase: {}, openByPriority: {} };
    for (const r of rows) {
      const n = Number(r.n);
      out.total += n;
      out.byPhase[r.phase] = (out.byPhase[r.phase] ?? 0) + n;
      if (!OPEN_PHASES.includes(r.phase as Phase)) continue;
      out.open += n;
      out.breached += Number(r.breached);
      const p = r.priority ?? 'none';
      out.openByPriority[p] = (out.openByPriority[p] ?? 0) + n;
    }
    return out;
  }

  async function insert(q: Queryable, row: IncidentsTable): Promise<void> {
    await q.insertInto('incidents').values(row).execute();
    await search.put(q, 'incident', row.id, `${row.key} ${row.title} ${row.summary}`);
  }

  async function update(q: Queryable, id: string, changes: Partial<IncidentsTable>): Promise<void> {
    await q.updateTable('incidents').set(changes).where('id', '=', id).execute();
    const row = await q
      .selectFrom('incidents')
      .select(['key', 'title', 'summary'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    await search.put(q, 'incident', id, `${row.key} ${row.title} ${row.summary}`);
  }

  async function linkReports(
    q: Queryable,
    incidentId: string,
    reportIds: string[],
    at: string,
  ): Promise<void> {
    if (reportIds.length)
      await q
        .insertInto('incident_reports')
        .values(reportIds.map((report_id) => ({ incident_id: incidentId, report_id, linked_at: at })))
        .execute();
  }

  async function addClassification(q: Queryable, row: IncidentClassificationsTable): Promise<void> {
    await q.insertInto('incident_classifications').values(row).execute();
    await refreshIncidentFacts(q, [row.incident_id]);
  }

  async function addTimeline(q: Queryable, entry: IncidentTimelineTable): Promise<void> {
    await q.insertInto('incident_timeline').values(entry).execute();
    // A phase change may be a reopening, which the facts count.
    if (entry.kind === 'phase_changed') await refreshIncidentFacts(q, [entry.incident_id]);
  }

  async function timeline(q: Queryable, incidentId: string): Promise<TimelineEntry[]> {
    const rows = await q
      .selectFrom('incident_timeline')
      .selectAll()
      .where('incident_id', '=', incidentId)
      .orderBy('at')
      .orderBy('id')
      .execute();
    return rows.map((r) => {
      const change = r.change ? (JSON.parse(r.change) as { before?: unknown; after?: unknown }) : {};
      return {
        id: r.id,
        at: r.at,
        actor: r.actor,
        kind: r.kind,
        text: r.text,
        ...change,
        eventTime: r.event_time,
        discoveryTime: r.discovery_time,
      };
    });
  }

  return {
    nextNumber,
    get,
    list,
    counts,
    insert,
    update,
    linkReports,
    addClassification,
    addTimeline,
    timeline,
  };
}

export type IncidentStore = ReturnType<typeof createIncidentStore>;
