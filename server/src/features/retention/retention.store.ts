import type { Scope } from '#contracts/identity.ts';
import type { RetentionPolicy, Tombstone } from '#contracts/retention.ts';
import { readableTlps } from '../../platform/auth/actor.ts';
import type { Queryable } from '../../platform/db/database.ts';
import type { IncidentTombstonesTable, RetentionPoliciesTable } from '../../platform/db/schema.ts';
import type { RetentionCandidate } from './retention.rules.ts';

const toPolicy = (r: RetentionPoliciesTable): RetentionPolicy => ({
  id: r.id,
  name: r.name,
  taxonomyClass: r.taxonomy_class,
  typeId: r.type_id,
  constituencyId: r.constituency_id,
  archiveAfterDays: r.archive_after_days === null ? null : Number(r.archive_after_days),
  destroyAfterMonths: r.destroy_after_months === null ? null : Number(r.destroy_after_months),
  updatedAt: r.updated_at,
  updatedBy: r.updated_by,
  version: Number(r.version),
});

export const toTombstone = (r: IncidentTombstonesTable): Tombstone => ({
  incidentKey: r.incident_key,
  typeId: r.type_id,
  constituencyId: r.constituency_id,
  tlp: r.tlp,
  outcome: r.outcome,
  openedAt: r.opened_at,
  closedAt: r.closed_at,
  destroyedAt: r.destroyed_at,
  destroyedBy: r.destroyed_by,
  policyId: r.policy_id,
  policyName: r.policy_name,
  hashes: JSON.parse(r.hashes) as Tombstone['hashes'],
  counts: JSON.parse(r.counts) as Tombstone['counts'],
  shreddedKeys: JSON.parse(r.key_ids) as string[],
});

export function createRetentionStore() {
  async function policies(q: Queryable): Promise<RetentionPolicy[]> {
    const rows = await q.selectFrom('retention_policies').selectAll().orderBy('id').execute();
    return rows.map(toPolicy);
  }

  async function policy(q: Queryable, id: string): Promise<RetentionPolicy | undefined> {
    const row = await q.selectFrom('retention_policies').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toPolicy(row);
  }

  async function insertPolicy(q: Queryable, row: RetentionPoliciesTable): Promise<void> {
    await q.insertInto('retention_policies').values(row).execute();
  }

  async function updatePolicy(
    q: Queryable,
    id: string,
    version: number,
    row: Partial<RetentionPoliciesTable>,
  ) {
    const r = await q
      .updateTable('retention_policies')
      .set(row)
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async function removePolicy(q: Queryable, id: string): Promise<boolean> {
    const r = await q.deleteFrom('retention_policies').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) === 1;
  }

  /** Closed, not yet destroyed incidents the scope may see, with their current classification. */
  async function candidates(q: Queryable, scope: Scope): Promise<(RetentionCandidate & { id: string })[]> {
    let query = q
      .selectFrom('incidents')
      .leftJoin('incident_retention as r', 'r.incident_id', 'incidents.id')
      .leftJoin('incident_tombstones as t', 't.incident_id', 'incidents.id')
      .select([
        'incidents.id',
        'incidents.key',
        'incidents.title',
        'incidents.constituency_id',
        'incidents.closed_at',
        'r.archived_at',
        'r.hold_at',
      ])
      .select((eb) =>
        eb
          .selectFrom('incident_classifications as c')
          .select('c.type_id')
          .whereRef('c.incident_id', '=', 'incidents.id')
          .orderBy('c.at', 'desc')
          .orderBy('c.id', 'desc')
          .limit(1)
          .as('type_id'),
      )
      .where('incidents.closed_at', 'is not', null)
      .where('incidents.phase', 'in', ['closed', 'post_analysis_done'])
      .where('t.incident_id', 'is', null)
      .where('incidents.tlp', 'in', readableTlps(scope))
      .orderBy('incidents.closed_at');
    if (scope.constituencies !== null)
      query = query.where('incidents.constituency_id', 'in', ['', ...scope.constituencies]);
    const rows = await query.execute();
    return rows.map((r) => ({
      id: r.id,
      key: r.key,
      title: r.title,
      typeId: r.type_id ?? null,
      constituencyId: r.constituency_id,
      closedAt: r.closed_at!,
      archivedAt: r.archived_at ?? null,
      held: r.hold_at !== null && r.hold_at !== undefined,
    }));
  }

  async function retention(q: Queryable, incidentId: string) {
    return q
      .selectFrom('incident_retention')
      .selectAll()
      .where('incident_id', '=', incidentId)
      .executeTakeFirst();
  }

  async function setRetention(
    q: Queryable,
    incidentId: string,
    changes: {
      archived_at?: string | null;
      hold_reason?: string | null;
      hold_by?: string | null;
      hold_at?: string | null;
    },
  ): Promise<void> {
    await q
      .insertInto('incident_retention')
      .values({
        incident_id: incidentId,
        archived_at: null,
        hold_reason: null,
        hold_by: null,
        hold_at: null,
        ...changes,
      })
      .onConflict((oc) => oc.column('incident_id').doUpdateSet(changes))
      .execute();
  }

  async function tombstone(q: Queryable, key: string): Promise<IncidentTombstonesTable | undefined> {
    return q.selectFrom('incident_tombstones').selectAll().where('incident_key', '=', key).executeTakeFirst();
  }

  async function tombstones(q: Queryable, limit: number): Promise<IncidentTombstonesTable[]> {
    return q
      .selectFrom('incident_tombstones')
      .selectAll()
      .orderBy('destroyed_at', 'desc')
      .limit(limit)
      .execute();
  }

  return {
    policies,
    policy,
    insertPolicy,
    updatePolicy,
    removePolicy,
    candidates,
    retention,
    setRetention,
    tombstone,
    tombstones,
  };
}

export type RetentionStore = ReturnType<typeof createRetentionStore>;
