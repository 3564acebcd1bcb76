import type { FingerprintRule, FingerprintRuleUpdate } from '#contracts/telemetry.ts';
import type { AuditLog } from '../../platform/audit/audit-log.ts';
import { requireRole, type Actor } from '../../platform/auth/actor.ts';
import type { DatabaseHandle } from '../../platform/db/database.ts';
import { transaction } from '../../platform/db/transaction.ts';
import { notFound } from '../../platform/http/domain-error.ts';
import type { FingerprintRuleStore } from './fingerprint-rule.store.ts';

export interface FingerprintRuleServiceDeps {
  handle: DatabaseHandle;
  audit: AuditLog;
  store: FingerprintRuleStore;
  now: () => Date;
}

/** Per telemetry source, which fields group repeated events into one report and for how long (admins). */
export function createFingerprintRuleService({ handle, audit, store, now }: FingerprintRuleServiceDeps) {
  const { db } = handle;

  async function list(actor: Actor): Promise<FingerprintRule[]> {
    requireRole(actor, 'admin');
    return store.list(db);
  }

  /** Replaces a source's rule; events from then on are grouped by it (reports grouped before stay). */
  async function update(
    actor: Actor,
    source: string,
    input: FingerprintRuleUpdate,
  ): Promise<FingerprintRule> {
    requireRole(actor, 'admin');
    return transaction(db, async (tx) => {
      const before = await store.get(tx, source);
      if (!before) throw notFound(`The fingerprint rule of ${source}`);
      const rule: FingerprintRule = {
        source,
        fields: input.fields,
        windowSeconds: input.windowSeconds,
        updatedAt: now().toISOString(),
        updatedBy: actor.label,
      };
      await store.update(tx, rule);
      await audit.record(tx, actor, {
        action: 'fingerprint_rule.changed',
        targetType: 'fingerprint_rule',
        targetId: source,
        data: {
          before: { fields: before.fields, windowSeconds: before.windowSeconds },
          after: { fields: rule.fields, windowSeconds: rule.windowSeconds },
        },
      });
      return rule;
    });
  }

  /** The rule telemetry intake applies to a source's events; read per submission, so a change applies at once. */
  function forSource(source: string): Promise<FingerprintRule | undefined> {
    return store.get(db, source);
  }

  return { list, update, forSource };
}

export type FingerprintRuleService = ReturnType<typeof createFingerprintRuleService>;
