import type { Criticality } from '#contracts/constituencies.ts';
import type { Scope, Tlp } from '#contracts/identity.ts';
import type {
  Assignee,
  Classification,
  ClassificationStage,
  Incident,
  Outcome,
  Phase,
  Priority,
  RelatedIncident,
  Severity,
} from '#contracts/incidents.ts';
import type { Pap, TrustLevel } from '#contracts/reports.ts';
import { inScope } from '../../platform/auth/scope-filter.ts';
import type { Queryable } from '../../platform/db/database.ts';
import type { IncidentsTable } from '../../platform/db/schema.ts';
import { slaOf } from '../sla/index.ts';

/** Reading incidents: the scoped base query and the rows turned into `Incident`s with their side tables. */

export type IncidentRow = IncidentsTable & {
  constituency_name: string | null;
  constituency_criticality: string | null;
  merged_into_key: string | null;
  destroyed_at: string | null;
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

function toIncident(r: IncidentRow, { reports, classifications, lead, handlers, related }: Parts): Incident {
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
    destroyedAt: r.destroyed_at,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

/** Incidents the scope may see: its constituencies and TLP ceiling, applied in SQL on every read. */
export const scopedIncidents = (q: Queryable, scope: Scope) => {
  return q
    .selectFrom('incidents')
    .leftJoin('constituencies', 'constituencies.id', 'incidents.constituency_id')
    .leftJoin('incidents as survivor', 'survivor.id', 'incidents.merged_into_id')
    .leftJoin('incident_tombstones as tombstone', 'tombstone.incident_id', 'incidents.id')
    .selectAll('incidents')
    .select([
      'constituencies.name as constituency_name',
      'constituencies.criticality as constituency_criticality',
      'survivor.key as merged_into_key',
      'tombstone.destroyed_at',
    ])
    .where(inScope(scope, 'incidents'));
};

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
  const rows = await scopedIncidents(q, scope)
    .innerJoin('incident_relations', 'incident_relations.related_id', 'incidents.id')
    .select(['incident_relations.incident_id as from_id', 'incident_relations.note'])
    .where('incident_relations.incident_id', 'in', ids)
    .orderBy('incidents.key')
    .execute();
  for (const r of rows)
    map.get(r.from_id)?.push({ key: r.key, title: r.title, phase: r.phase as Phase, note: r.note });
  return map;
};

/** Turns rows into Incidents with their reports, classifications, people and relations. */
export const hydrateIncidents = async (q: Queryable, scope: Scope, rows: IncidentRow[]) => {
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
