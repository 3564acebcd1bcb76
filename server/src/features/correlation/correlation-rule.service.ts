import { randomUUID } from 'node:crypto';
import type {
  CorrelationRule,
  CorrelationRuleInput,
  CorrelationRuleUpdate,
} from '#contracts/correlation-rules.ts';
import type { AuditLog } from '../../platform/audit/audit-log.ts';
import { requireRole, type Actor } from '../../platform/auth/actor.ts';
import type { DatabaseHandle, Tx } from '../../platform/db/database.ts';
import { transaction } from '../../platform/db/transaction.ts';
import { conflict, notFound } from '../../platform/http/domain-error.ts';
import type { CorrelationRuleStore } from './correlation-rule.store.ts';

export interface CorrelationRuleServiceDeps {
  handle: DatabaseHandle;
  audit: AuditLog;
  store: CorrelationRuleStore;
  now: () => Date;
}

/** What the audit log keeps of a rule: its settings, without bookkeeping. */
const audited = ({
  id: _i,
  version: _v,
  createdAt: _c,
  updatedAt: _u,
  updatedBy: _b,
  ...r
}: CorrelationRule) => r;

/** Admin rules that link a new report to an open incident by themselves (see correlation.service). */
export function createCorrelationRuleService({ handle, audit, store, now }: CorrelationRuleServiceDeps) {
  const { db } = handle;

  async function list(actor: Actor): Promise<CorrelationRule[]> {
    requireRole(actor, 'admin');
    return store.list(db);
  }

  async function uniqueName(tx: Tx, name: string, id: string | null) {
    const other = await store.byName(tx, name);
    if (other && other.id !== id)
      throw conflict('correlation_rule_name_taken', `A correlation rule named ${name} exists`);
  }

  async function create(actor: Actor, input: CorrelationRuleInput): Promise<CorrelationRule> {
    requireRole(actor, 'admin');
    return transaction(db, async (tx) => {
      await uniqueName(tx, input.name, null);
      const at = now().toISOString();
      const rule: CorrelationRule = {
        ...input,
        id: randomUUID(),
        version: 1,
        createdAt: at,
        updatedAt: at,
        updatedBy: actor.label,
      };
      await store.insert(tx, rule);
      await audit.record(tx, actor, {
        action: 'correlation_rule.created',
        targetType: 'correlation_rule',
        targetId: rule.id,
        data: { after: audited(rule) },
      });
      return rule;
    });
  }

  /** Replaces a rule at the version the admin saw; it applies to reports registered from then on. */
  async function update(actor: Actor, id: string, input: CorrelationRuleUpdate): Promise<CorrelationRule> {
    requireRole(actor, 'admin');
    return transaction(db, async (tx) => {
      const before = await store.get(tx, id);
      if (!before) throw notFound('Correlation rule');
      if (before.version !== input.version)
        throw conflict(
          'stale_version',
          `This rule was changed (version ${before.version}) since you loaded version ${input.version}`,
          { current: before },
        );
      await uniqueName(tx, input.name, id);
      const { version: _v, ...changes } = input;
      const after: CorrelationRule = {
        ...before,
        ...changes,
        version: before.version + 1,
        updatedAt: now().toISOString(),
        updatedBy: actor.label,
      };
      await store.update(tx, after);
      await audit.record(tx, actor, {
        action: 'correlation_rule.changed',
        targetType: 'correlation_rule',
        targetId: id,
        data: { before: audited(before), after: audited(after) },
      });
      return after;
    });
  }

  async function remove(actor: Actor, id: string): Promise<void> {
    requireRole(actor, 'admin');
    await transaction(db, async (tx) => {
      const before = await store.get(tx, id);
      if (!before || !(await store.remove(tx, id))) throw notFound('Correlation rule');
      await audit.record(tx, actor, {
        action: 'correlation_rule.deleted',
        targetType: 'correlation_rule',
        targetId: id,
        data: { before: audited(before) },
      });
    });
  }

  return { list, create, update, remove };
}

export type CorrelationRuleService = ReturnType<typeof createCorrelationRuleService>;
