import type { Criticality } from '#contracts/constituencies.ts';
import type { Scope, Tlp } from '#contracts/identity.ts';
import type {
  Assignee,
  IncidentCounts,
  Classification,
  ClassificationStage,
  Incident,
  Outcome,
  Phase,
  Priority,
  RelatedIncident,
  Severity,
  TimelineEntry,
} from '#contracts/incidents.ts';
import type { Pap, TrustLevel } from '#contracts/reports.ts';
import { readableTlps } from '../../platform/auth/actor.ts';
import type { Queryable } from '../../platform/db/database.ts';
import type {
  IncidentClassificationsTable,
  IncidentsTable,
  IncidentTimelineTable,
} from '../../platform/db/schema.ts';
import type { SearchIndex } from '../../platform/search/search-index.ts';
import { slaOf } from '../sla/index.ts';
import { OPEN_PHASES } from './incident.rules.ts';

type Row = IncidentsTable & {
  constituency_name: string | null;
  constituency_criticality: string | null;
  merged_into_key: string | null;
};

/** What an incident row is hydrated with from its side tables. */
interface Parts {
  reports: { id: string; trust: TrustLevel }[];
  classifications: Classification[];
  lead: Assignee | null;
  handlers: Assignee[];
  related: RelatedIncident[];
}

const trustRank: TrustLevel[] = ['unknown', 'low', 'medium', 'high'];

function toIncident(r: Row, { reports, classifications, lead, handlers, related }: Parts): Incident {
  return {
    id: r.id,
    key: r.key,
    title: r.title,
    summary: r.summary,
    phase: r.phase as Phase,
    severity: r.severity as Severity | null,
    priority: r.priority as Priority | null,
    priorityOverride: r.priority_override
      ? { priority: r.priority_override as Priority, reason: r.priority_override_reason ?? '' }
      : null,
    sla: slaOf(r),
    constituency:
      r.constituency_id && r.constituency_name
        ? {
            id: r.constituency_id,
            name: r.constituency_name,
            criticality: r.constituency_criticality as Criticality,
          }
        : null,
    tlp: r.tlp as Tlp,
    pap: r.pap as Pap,
    reportIds: reports.map((x) => x.id),
    reporterTrust: reports.length
      ? trustRank[Math.max(...reports.map((x) => trustRank.indexOf(x.trust)))]!
      : null,
    lead,
    handlers,
    mergedInto: r.merged_into_key,
    verified: r.verified_at && r.verified_by ? { by: r.verified_by, at: r.verified_at } : null,
    related,
    classification: classifications.at(-1) ?? null,
    classifications,
    closure:
      r.outcome && r.closed_at
        ? { outcome: r.outcome as Outcome, summary: r.closing_summary ?? '', closedAt: r.closed_at }
        : null,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

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

/** Incidents the scope may see: its constituencies and TLP ceiling, applied in SQL on every read. */
export const scopedIncidents = (q: Queryable, scope: Scope) => {
  let query = q
    .selectFrom('incidents')
    .leftJoin('constituencies', 'constituencies.id', 'incidents.constituency_id')
    .leftJoin('incidents as survivor', 'survivor.id', 'incidents.merged_into_id')
    .selectAll('incidents')
    .select([
      'constituencies.name as constituency_name',
      'constituencies.criticality as constituency_criticality',
      'survivor.key as merged_into_key',
    ])
    .where('incidents.tlp', 'in', readableTlps(scope));
  if (scope.constituencies !== null) {
    query = query.where(
      'incidents.constituency_id',
      'in',
      scope.constituencies.length ? scope.constituencies : [''],
    );
  }
  return query;
};

export function createIncidentStore(search: SearchIndex) {
  const scoped = scopedIncidents;

  const reportIdsOf = async (q: Queryable, ids: string[]) => {
    const map = new Map<string, { id: string; trust: TrustLevel }[]>(ids.map((id) => [id, []]));
    if (!ids.length) return map;
    const rows = await q
      .selectFrom('incident_reports')
      .innerJoin('reports', 'reports.id', 'incident_reports.report_id')
      .select(['incident_id', 'report_id', 'reports.reporter_trust'])
      .where('incident_id', 'in', ids)
      // The order the reports reached the team: the incident's story.
      .orderBy('reports.received_at')
      .orderBy('reports.id')
      .execute();
    for (const r of rows)
      map.get(r.incident_id)?.push({ id: r.report_id, trust: r.reporter_trust as TrustLevel });
    return map;
  };

  const classificationsOf = async (q: Queryable, ids: string[]) => {
    const map = new Map<string, Classification[]>(ids.map((id) => [id, []]));
    if (!ids.length) return map;
    const rows = await q
      .selectFrom('incident_classifications')
      .innerJoin('taxonomy_types', 'taxonomy_types.id', 'incident_classifications.type_id')
      .select(['incident_id', 'stage', 'type_id', 'type_label', 'class_label', 'note', 'actor', 'at'])
      .where('incident_id', 'in', ids)
      .orderBy('at')
      .orderBy('incident_classifications.id')
      .execute();
    for (const c of rows) {
      map.get(c.incident_id)?.push({
        stage: c.stage as ClassificationStage,
        typeId: c.type_id,
        typeLabel: c.type_label,
        classLabel: c.class_label,
        note: c.note,
        actor: c.actor,
        at: c.at,
      });
    }
    return map;
  };

  const assigneesOf = async (q: Queryable, ids: string[]) => {
    const map = new Map<string, { lead: Assignee | null; handlers: Assignee[] }>(
      ids.map((id) => [id, { lead: null, handlers: [] }]),
    );
    if (!ids.length) return map;
    const rows = await q
      .selectFrom('incident_assignees')
      .innerJoin('users', 'users.id', 'incident_assignees.user_id')
      .select(['incident_id', 'incident_assignees.role', 'users.id', 'users.name', 'users.email'])
      .where('incident_id', 'in', ids)
      .orderBy('assigned_at')
      .orderBy('users.name')
      .execute();
    for (const { incident_id, role, ...who } of rows) {
      const entry = map.get(incident_id);
      if (!entry) continue;
      if (role === 'lead') entry.lead = who;
      else entry.handlers.push(who);
    }
    return map;
  };

  /** Related incidents the scope may see; others are left out without a trace. */
  const relatedOf = async (q: Queryable, scope: Scope, ids: string[]) => {
    const map = new Map<string, RelatedIncident[]>(ids.map((id) => [id, []]));
    if (!ids.length) return map;
    const rows = await scoped(q, scope)
      .innerJoin('incident_relations', 'incident_relations.related_id', 'incidents.id')
      .select(['incident_relations.incident_id as from_id', 'incident_relations.note'])
      .where('incident_relations.incident_id', 'in', ids)
      .orderBy('incidents.key')
      .execute();
    for (const r of rows)
      map.get(r.from_id)?.push({ key: r.key, title: r.title, phase: r.phase as Phase, note: r.note });
    return map;
  };

  const hydrate = async (q: Queryable, scope: Scope, rows: Row[]) => {
    const ids = rows.map((r) => r.id);
    const [reports, classifications, assignees, related] = await Promise.all([
      reportIdsOf(q, ids),
      classificationsOf(q, ids),
      assigneesOf(q, ids),
      relatedOf(q, scope, ids),
    ]);
    return rows.map((r) =>
      toIncident(r, {
        reports: reports.get(r.id) ?? [],
        classifications: classifications.get(r.id) ?? [],
        lead: assignees.get(r.id)?.lead ?? null,
        handlers: assignees.get(r.id)?.handlers ?? [],
        related: related.get(r.id) ?? [],
      }),
    );
  };

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
  }

  async function addTimeline(q: Queryable, entry: IncidentTimelineTable): Promise<void> {
    await q.insertInto('incident_timeline').values(entry).execute();
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
