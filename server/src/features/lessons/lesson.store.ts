import type { Scope } from '#contracts/identity.ts';
import type { Outcome } from '#contracts/incidents.ts';
import type { Lessons, PendingReview } from '#contracts/lessons.ts';
import { inScope } from '../../platform/auth/scope-filter.ts';
import type { Queryable } from '../../platform/db/database.ts';
import type { IncidentLessonsTable } from '../../platform/db/schema.ts';

export interface IncidentRef {
  id: string;
  key: string;
}

const toLessons = (row: IncidentLessonsTable | undefined, incidentKey: string): Lessons => ({
  incidentKey,
  wentWell: row?.went_well ?? '',
  wentBadly: row?.went_badly ?? '',
  detection: row?.detection ?? '',
  response: row?.response ?? '',
  organisation: row?.organisation ?? '',
  updatedBy: row?.updated_by ?? null,
  updatedAt: row?.updated_at ?? null,
  reviewedBy: row?.reviewed_by ?? null,
  reviewedAt: row?.reviewed_at ?? null,
  version: row ? Number(row.version) : 0,
});

/**
 * Lessons records and the post-analysis list. Writes compare-and-set on `version`, so two saves from
 * the same version cannot both land; reads across incidents apply the actor's scope in SQL.
 */
export function createLessonStore() {
  async function get(q: Queryable, incident: IncidentRef): Promise<Lessons> {
    const row = await q
      .selectFrom('incident_lessons')
      .selectAll()
      .where('incident_id', '=', incident.id)
      .executeTakeFirst();
    return toLessons(row, incident.key);
  }

  /** Writes version `version + 1` over `version` (0: none yet); false when someone saved first. */
  async function save(
    q: Queryable,
    version: number,
    row: Omit<IncidentLessonsTable, 'version' | 'reviewed_by' | 'reviewed_at'>,
  ): Promise<boolean> {
    if (version === 0) {
      const result = await q
        .insertInto('incident_lessons')
        .values({ ...row, reviewed_by: null, reviewed_at: null, version: 1 })
        .onConflict((oc) => oc.column('incident_id').doNothing())
        .returning('incident_id')
        .executeTakeFirst();
      return result !== undefined;
    }
    const { incident_id, ...values } = row;
    const result = await q
      .updateTable('incident_lessons')
      .set({ ...values, version: version + 1 })
      .where('incident_id', '=', incident_id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async function markReviewed(q: Queryable, incidentId: string, by: string, at: string): Promise<void> {
    await q
      .updateTable('incident_lessons')
      .set({ reviewed_by: by, reviewed_at: at })
      .where('incident_id', '=', incidentId)
      .execute();
  }

  /** Incidents closed in [from, to) still waiting for their review, oldest closure first. */
  async function pendingReviews(
    q: Queryable,
    scope: Scope,
    from: string,
    to: string,
  ): Promise<PendingReview[]> {
    const rows = await q
      .selectFrom('incidents')
      .leftJoin('incident_lessons', 'incident_lessons.incident_id', 'incidents.id')
      .leftJoin('incident_assignees', (j) =>
        j
          .onRef('incident_assignees.incident_id', '=', 'incidents.id')
          .on('incident_assignees.role', '=', 'lead'),
      )
      .leftJoin('users', 'users.id', 'incident_assignees.user_id')
      .select((eb) => [
        'incidents.key',
        'incidents.title',
        'incidents.closed_at',
        'incidents.outcome',
        'users.name as lead',
        'incident_lessons.version as lessons_version',
        eb
          .selectFrom('incident_follow_ups')
          .select((f) => f.fn.countAll<number>().as('n'))
          .whereRef('incident_follow_ups.incident_id', '=', 'incidents.id')
          .where('incident_follow_ups.kind', '=', 'improvement')
          .as('improvements'),
      ])
      .where(inScope(scope, 'incidents'))
      .where('incidents.phase', '=', 'closed')
      .where('incidents.merged_into_id', 'is', null)
      .where('incidents.closed_at', '>=', from)
      .where('incidents.closed_at', '<', to)
      .orderBy('incidents.closed_at', 'asc')
      .orderBy('incidents.key', 'asc')
      .limit(1000)
      .execute();
    return rows.map((r) => ({
      key: r.key,
      title: r.title,
      closedAt: new Date(r.closed_at!).toISOString(),
      outcome: r.outcome as Outcome | null,
      lead: r.lead,
      hasLessons: r.lessons_version !== null,
      improvements: Number(r.improvements ?? 0),
    }));
  }

  return { get, save, markReviewed, pendingReviews };
}

export type LessonStore = ReturnType<typeof createLessonStore>;
