import type { FingerprintRule } from '#contracts/telemetry.ts';
import type { Queryable } from '../../platform/db/database.ts';
import type { FingerprintRulesTable } from '../../platform/db/schema.ts';

const toRule = (r: FingerprintRulesTable): FingerprintRule => ({
  source: r.source,
  fields: JSON.parse(r.fields) as string[],
  windowSeconds: r.window_seconds,
  updatedAt: r.updated_at,
  updatedBy: r.updated_by,
});

export function createFingerprintRuleStore() {
  async function list(q: Queryable): Promise<FingerprintRule[]> {
    return (await q.selectFrom('fingerprint_rules').selectAll().orderBy('source').execute()).map(toRule);
  }

  async function get(q: Queryable, source: string): Promise<FingerprintRule | undefined> {
    const row = await q
      .selectFrom('fingerprint_rules')
      .selectAll()
      .where('source', '=', source)
      .executeTakeFirst();
    return row ? toRule(row) : undefined;
  }

  async function update(q: Queryable, rule: FingerprintRule): Promise<void> {
    await q
      .updateTable('fingerprint_rules')
      .set({
        fields: JSON.stringify(rule.fields),
        window_seconds: rule.windowSeconds,
        updated_at: rule.updatedAt,
        updated_by: rule.updatedBy,
      })
      .where('source', '=', rule.source)
      .execute();
  }

  return { list, get, update };
}

export type FingerprintRuleStore = ReturnType<typeof createFingerprintRuleStore>;
