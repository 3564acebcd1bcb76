import type { RetentionPolicy, RetentionPolicyInput, UpdateRetentionPolicy } from '#contracts/retention.ts';
import { RetentionPolicyInput as PolicyInput } from '#contracts/retention.ts';
import type { AuditLog } from '../../platform/audit/audit-log.ts';
import { requireRole, type Actor } from '../../platform/auth/actor.ts';
import { sortableId } from '../../platform/crypto/secrets.ts';
import type { DatabaseHandle } from '../../platform/db/database.ts';
import { transaction } from '../../platform/db/transaction.ts';
import { conflict, notFound } from '../../platform/http/domain-error.ts';
import { checkPolicy } from './retention-policy.check.ts';
import type { RetentionStore } from './retention.store.ts';

/** Retention policies: read by leads, written by admins, every change audited. */
export function createRetentionPolicyService(deps: {
  handle: DatabaseHandle;
  audit: AuditLog;
  store: RetentionStore;
  now: () => Date;
}) {
  const { handle, audit, store, now } = deps;
  const { db } = handle;

  function listPolicies(actor: Actor): Promise<RetentionPolicy[]> {
    requireRole(actor, 'lead');
    return store.policies(db);
  }

  async function createPolicy(actor: Actor, raw: RetentionPolicyInput): Promise<RetentionPolicy> {
    requireRole(actor, 'admin');
    const input = PolicyInput.parse(raw);
    return transaction(db, async (tx) => {
      await checkPolicy(tx, input, await store.policies(tx), null);
      const id = sortableId();
      const at = now().toISOString();
      await store.insertPolicy(tx, {
        id,
        name: input.name,
        taxonomy_class: input.taxonomyClass,
        type_id: input.typeId,
        constituency_id: input.constituencyId,
        archive_after_days: input.archiveAfterDays,
        destroy_after_months: input.destroyAfterMonths,
        created_at: at,
        updated_at: at,
        updated_by: actor.label,
        version: 1,
      });
      await audit.record(tx, actor, {
        action: 'retention.policy_created',
        targetType: 'retention_policy',
        targetId: id,
        data: { ...input },
      });
      return (await store.policy(tx, id))!;
    });
  }

  async function updatePolicy(
    actor: Actor,
    id: string,
    raw: UpdateRetentionPolicy,
  ): Promise<RetentionPolicy> {
    requireRole(actor, 'admin');
    const { version, ...rest } = raw;
    const input = PolicyInput.parse(rest);
    return transaction(db, async (tx) => {
      const before = await store.policy(tx, id);
      if (!before) throw notFound('Retention policy');
      await checkPolicy(tx, input, await store.policies(tx), id);
      const changed = await store.updatePolicy(tx, id, version, {
        name: input.name,
        taxonomy_class: input.taxonomyClass,
        type_id: input.typeId,
        constituency_id: input.constituencyId,
        archive_after_days: input.archiveAfterDays,
        destroy_after_months: input.destroyAfterMonths,
        updated_at: now().toISOString(),
        updated_by: actor.label,
        version: before.version + 1,
      });
      if (!changed)
        throw conflict(
          'stale_version',
          `The policy was changed (version ${before.version}) since you loaded ${version}`,
          {
            current: before,
          },
        );
      await audit.record(tx, actor, {
        action: 'retention.policy_updated',
        targetType: 'retention_policy',
        targetId: id,
        data: { before, after: input },
      });
      return (await store.policy(tx, id))!;
    });
  }

  async function removePolicy(actor: Actor, id: string): Promise<void> {
    requireRole(actor, 'admin');
    await transaction(db, async (tx) => {
      const before = await store.policy(tx, id);
      if (!before || !(await store.removePolicy(tx, id))) throw notFound('Retention policy');
      await audit.record(tx, actor, {
        action: 'retention.policy_deleted',
        targetType: 'retention_policy',
        targetId: id,
        data: { before },
      });
    });
  }

  return { listPolicies, createPolicy, updatePolicy, removePolicy };
}
