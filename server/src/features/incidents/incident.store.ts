import type { Criticality } from '#contracts/constituencies.ts';
import type { Scope, Tlp } from '#contracts/identity.ts';
import type {
  Classification,
  ClassificationStage,
  Incident,
  Outcome,
  Phase,
  Priority,
  Severity,
  TimelineEntry,
} from '#contracts/incidents.ts';
import type { Pap } from '#contracts/reports.ts';
import { readableTlps } from '../../platform/auth/actor.ts';
import type { Queryable } from '../../platform/db/database.ts';
import type {
  IncidentClassificationsTable,
  IncidentsTable,
  IncidentTimelineTable,
} from '../../platform/db/schema.ts';
import type { SearchIndex } from '../../platform/search/search-index.ts';

type Row = IncidentsTable & { constituency_name: string | null; constituency_criticality: string | null };

function toIncident(r: Row, reportIds: string[], classifications: Classification[]): Incident {
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
    reportIds,
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

export function createIncidentStore(search: SearchIndex) {
  /** Incidents the scope may see: its constituencies and TLP ceiling, applied in SQL on every read. */
  const scoped = (q: Queryable, scope: Scope) => {
    let query = q
      .selectFrom('incidents')
      .leftJoin('constituencies', 'constituencies.id', 'incidents.constituency_id')
      .selectAll('incidents')
      .select([
        'constituencies.name as constituency_name',
        'constituencies.criticality as constituency_criticality',
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

  const reportIdsOf = async (q: Queryable, ids: string[]) => {
    const map = new Map<string, string[]>(ids.map((id) => [id, []]));
    if (!ids.length) return map;
    const rows = await q
      .selectFrom('incident_reports')
      .innerJoin('reports', 'reports.id', 'incident_reports.report_id')
      .select(['incident_id', 'report_id'])
      .where('incident_id', 'in', ids)
      // The order the reports reached the team: the incident's story.
      .orderBy('reports.received_at')
      .orderBy('reports.id')
      .execute();
    for (const r of rows) map.get(r.incident_id)?.push(r.report_id);
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

  const hydrate = async (q: Queryable, rows: Row[]) => {
    const ids = rows.map((r) => r.id);
    const [reports, classifications] = await Promise.all([reportIdsOf(q, ids), classificationsOf(q, ids)]);
    return rows.map((r) => toIncident(r, reports.get(r.id) ?? [], classifications.get(r.id) ?? []));
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
    return (await hydrate(q, [row]))[0];
  }

  async function list(
    q: Queryable,
    scope: Scope,
    filter: { phase?: Phase | undefined; open?: boolean | undefined; limit: number },
  ): Promise<Incident[]> {
    let query = scoped(q, scope).orderBy('incidents.created_at', 'desc').limit(filter.limit);
    if (filter.phase) query = query.where('incidents.phase', '=', filter.phase);
    if (filter.open !== undefined)
      query = query.where('incidents.phase', filter.open ? 'not in' : 'in', ['closed', 'post_analysis_done']);
    return hydrate(q, await query.execute());
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

  return { nextNumber, get, list, insert, update, linkReports, addClassification, addTimeline, timeline };
}

export type IncidentStore = ReturnType<typeof createIncidentStore>;
