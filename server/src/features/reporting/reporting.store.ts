import type { Scope } from '#contracts/identity.ts';
import type { Impact } from '#contracts/notes.ts';
import { inScope } from '../../platform/auth/scope-filter.ts';
import type { Queryable } from '../../platform/db/database.ts';
import type { ReportTemplatesTable } from '../../platform/db/schema.ts';
import type { ActivityIncident } from './activity.rules.ts';

export interface ReportTask {
  title: string;
  step: string;
  partyKind: string;
  partyName: string;
  owner: string | null;
  status: string;
  dueAt: string | null;
  verifiedAt: string | null;
}

export interface ReportAnalysis {
  rootCause: string;
  assets: { name: string; kind: string; owner: string; state: string }[];
  impact: Impact | null;
}

export interface ReportLessons {
  wentWell: string;
  wentBadly: string;
  detection: string;
  response: string;
  organisation: string;
  reviewedAt: string | null;
}

export interface ReportFollowUp {
  kind: string;
  title: string;
  owner: string | null;
  dueDate: string | null;
  status: string;
}

/** Read-only queries the report builders need, beyond the incident and its timeline. */
export function createReportingStore() {
  async function templates(q: Queryable): Promise<ReportTemplatesTable[]> {
    return q.selectFrom('report_templates').selectAll().orderBy('kind').execute();
  }

  async function template(q: Queryable, kind: string): Promise<ReportTemplatesTable | undefined> {
    return q.selectFrom('report_templates').selectAll().where('kind', '=', kind).executeTakeFirst();
  }

  async function updateTemplate(
    q: Queryable,
    kind: string,
    version: number,
    changes: Omit<ReportTemplatesTable, 'kind' | 'version'>,
  ): Promise<boolean> {
    const result = await q
      .updateTable('report_templates')
      .set({ ...changes, version: version + 1 })
      .where('kind', '=', kind)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async function tasks(q: Queryable, incidentId: string): Promise<ReportTask[]> {
    const rows = await q
      .selectFrom('tasks')
      .leftJoin('users', 'users.id', 'tasks.owner_id')
      .select([
        'tasks.title',
        'tasks.step',
        'tasks.party_kind',
        'tasks.party_name',
        'users.name as owner',
        'tasks.status',
        'tasks.due_at',
        'tasks.verified_at',
      ])
      .where('tasks.incident_id', '=', incidentId)
      .orderBy('tasks.created_at')
      .orderBy('tasks.id')
      .execute();
    return rows.map((r) => ({
      title: r.title,
      step: r.step,
      partyKind: r.party_kind,
      partyName: r.party_name,
      owner: r.owner,
      status: r.status,
      dueAt: r.due_at,
      verifiedAt: r.verified_at,
    }));
  }

  async function analysis(q: Queryable, incidentId: string): Promise<ReportAnalysis | null> {
    const row = await q
      .selectFrom('incident_analyses')
      .selectAll()
      .where('incident_id', '=', incidentId)
      .executeTakeFirst();
    if (!row) return null;
    return {
      rootCause: row.root_cause,
      assets: JSON.parse(row.assets) as ReportAnalysis['assets'],
      impact: JSON.parse(row.impact) as Impact,
    };
  }

  /** Lessons learned and follow-ups (features/lessons, migration 0029). */
  async function lessons(
    q: Queryable,
    incidentId: string,
  ): Promise<{ lessons: ReportLessons | null; followUps: ReportFollowUp[] }> {
    const row = await q
      .selectFrom('incident_lessons')
      .selectAll()
      .where('incident_id', '=', incidentId)
      .executeTakeFirst();
    const followUps = await q
      .selectFrom('incident_follow_ups')
      .leftJoin('users', 'users.id', 'incident_follow_ups.owner_id')
      .select([
        'incident_follow_ups.kind',
        'incident_follow_ups.title',
        'users.name as owner',
        'incident_follow_ups.due_date',
        'incident_follow_ups.status',
      ])
      .where('incident_follow_ups.incident_id', '=', incidentId)
      .orderBy('incident_follow_ups.created_at')
      .orderBy('incident_follow_ups.id')
      .execute();
    return {
      lessons: row
        ? {
            wentWell: row.went_well,
            wentBadly: row.went_badly,
            detection: row.detection,
            response: row.response,
            organisation: row.organisation,
            reviewedAt: row.reviewed_at,
          }
        : null,
      followUps: followUps.map((f) => ({
        kind: f.kind,
        title: f.title,
        owner: f.owner,
        dueDate: f.due_date,
        status: f.status,
      })),
    };
  }

  /** Incidents opened in [start, end) that the scope may see, merged ones left out, with their class. */
  async function activity(
    q: Queryable,
    scope: Scope,
    period: { start: string; end: string; constituencyId: string | null },
  ): Promise<(ActivityIncident & { tlp: string })[]> {
    let query = q
      .selectFrom('incidents')
      .select([
        'id',
        'created_at',
        'responded_at',
        'closed_at',
        'priority',
        'tlp',
        'response_due_at',
        'response_breached_at',
        'resolution_breached_at',
      ])
      .where(inScope(scope, 'incidents'))
      .where('created_at', '>=', period.start)
      .where('created_at', '<', period.end)
      .where('merged_into_id', 'is', null);
    if (period.constituencyId) query = query.where('constituency_id', '=', period.constituencyId);
    const rows = await query.execute();
    const classes = new Map<string, { id: string; label: string }>();
    for (let i = 0; i < rows.length; i += 500) {
      const ids = rows.slice(i, i + 500).map((r) => r.id);
      const cls = await q
        .selectFrom('incident_classifications')
        .innerJoin('taxonomy_types', 'taxonomy_types.id', 'incident_classifications.type_id')
        .select(['incident_id', 'taxonomy_types.class', 'taxonomy_types.class_label'])
        .where('incident_id', 'in', ids)
        .orderBy('at')
        .orderBy('incident_classifications.id')
        .execute();
      // The latest classification wins, as on the incident itself.
      for (const c of cls) classes.set(c.incident_id, { id: c.class, label: c.class_label });
    }
    const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string).toISOString());
    return rows.map((r) => ({
      createdAt: iso(r.created_at)!,
      respondedAt: iso(r.responded_at),
      closedAt: iso(r.closed_at),
      priority: r.priority,
      classId: classes.get(r.id)?.id ?? null,
      classLabel: classes.get(r.id)?.label ?? null,
      hasSla: r.response_due_at !== null,
      responseBreached: r.response_breached_at !== null,
      resolutionBreached: r.resolution_breached_at !== null,
      tlp: r.tlp,
    }));
  }

  return { templates, template, updateTemplate, tasks, analysis, lessons, activity };
}

export type ReportingStore = ReturnType<typeof createReportingStore>;
