import type { Scope } from '#contracts/identity.ts';
import type { Improvement, ImprovementStatus, Remediation, RemediationStatus } from '#contracts/lessons.ts';
import { inScope } from '../../platform/auth/scope-filter.ts';
import type { Queryable } from '../../platform/db/database.ts';
import type { IncidentFollowUpsTable } from '../../platform/db/schema.ts';

export type FollowUpKind = IncidentFollowUpsTable['kind'];

export interface FollowUpFilter {
  incidentId?: string;
  statuses?: string[];
  ownerId?: string;
}

/** Follow-ups joined with their incident, owner and playbook, restricted to incidents the scope may see. */
const scopedFollowUps = (q: Queryable, scope: Scope, kind: FollowUpKind) =>
  q
    .selectFrom('incident_follow_ups as f')
    .innerJoin('incidents', 'incidents.id', 'f.incident_id')
    .leftJoin('users', 'users.id', 'f.owner_id')
    .leftJoin('playbooks', 'playbooks.id', 'f.playbook_id')
    .selectAll('f')
    .select([
      'incidents.key as incident_key',
      'incidents.title as incident_title',
      'users.name as owner_name',
      'users.email as owner_email',
      'playbooks.name as playbook_name',
    ])
    .where('f.kind', '=', kind)
    .where(inScope(scope, 'incidents'));

type Row = IncidentFollowUpsTable & {
  incident_key: string;
  incident_title: string;
  owner_name: string | null;
  owner_email: string | null;
  playbook_name: string | null;
};

function base(r: Row) {
  return {
    id: r.id,
    incidentKey: r.incident_key,
    incidentTitle: r.incident_title,
    title: r.title,
    description: r.description,
    owner:
      r.owner_id && r.owner_name !== null
        ? { id: r.owner_id, name: r.owner_name, email: r.owner_email ?? '' }
        : null,
    dueDate: r.due_date,
    createdBy: r.created_by,
    createdAt: new Date(r.created_at).toISOString(),
    updatedBy: r.updated_by,
    updatedAt: new Date(r.updated_at).toISOString(),
    version: Number(r.version),
  };
}

export const toImprovement = (r: Row): Improvement => ({
  ...base(r),
  status: r.status as ImprovementStatus,
  playbook: r.playbook_id && r.playbook_name !== null ? { id: r.playbook_id, name: r.playbook_name } : null,
  procedure: r.procedure,
});

export const toRemediation = (r: Row): Remediation => ({ ...base(r), status: r.status as RemediationStatus });

/** Improvement proposals and remediation items (one table, told apart by kind). */
export function createFollowUpStore() {
  async function list(
    q: Queryable,
    scope: Scope,
    kind: FollowUpKind,
    filter: FollowUpFilter,
  ): Promise<Row[]> {
    let query = scopedFollowUps(q, scope, kind);
    if (filter.incidentId) query = query.where('f.incident_id', '=', filter.incidentId);
    if (filter.statuses) query = query.where('f.status', 'in', filter.statuses);
    if (filter.ownerId) query = query.where('f.owner_id', '=', filter.ownerId);
    // Due soonest first (undated last), then in the order they were raised.
    return query
      .orderBy('f.due_date', (o) => o.asc().nullsLast())
      .orderBy('f.created_at', 'asc')
      .orderBy('f.id', 'asc')
      .limit(1000)
      .execute();
  }

  async function get(q: Queryable, scope: Scope, kind: FollowUpKind, incidentId: string, id: string) {
    return scopedFollowUps(q, scope, kind)
      .where('f.incident_id', '=', incidentId)
      .where('f.id', '=', id)
      .executeTakeFirst();
  }

  async function insert(q: Queryable, row: IncidentFollowUpsTable): Promise<void> {
    await q.insertInto('incident_follow_ups').values(row).execute();
  }

  /** Applies `values` only if the item is still at `version`; false when someone saved first. */
  async function update(
    q: Queryable,
    id: string,
    version: number,
    values: Partial<Omit<IncidentFollowUpsTable, 'id' | 'incident_id' | 'kind'>>,
  ): Promise<boolean> {
    const result = await q
      .updateTable('incident_follow_ups')
      .set({ ...values, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async function remove(q: Queryable, id: string, version: number): Promise<boolean> {
    const result = await q
      .deleteFrom('incident_follow_ups')
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  }

  async function userExists(q: Queryable, id: string): Promise<boolean> {
    return (await q.selectFrom('users').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
  }

  async function playbookExists(q: Queryable, id: string): Promise<boolean> {
    return (
      (await q.selectFrom('playbooks').select('id').where('id', '=', id).executeTakeFirst()) !== undefined
    );
  }

  return { list, get, insert, update, remove, userExists, playbookExists };
}

export type FollowUpStore = ReturnType<typeof createFollowUpStore>;
export type FollowUpRow = Row;
