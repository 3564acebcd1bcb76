import type { CorrelationRule } from '#contracts/correlation-rules.ts';
import type { ObservableType } from '#contracts/observables.ts';
import type { Queryable } from '../../platform/db/database.ts';
import type { CorrelationRulesTable } from '../../platform/db/schema.ts';

const toRule = (r: CorrelationRulesTable): CorrelationRule => ({
  id: r.id,
  name: r.name,
  enabled: r.enabled === 1,
  observableTypes: JSON.parse(r.observable_types) as ObservableType[],
  windowHours: r.window_hours,
  sameConstituency: r.same_constituency === 1,
  minShared: r.min_shared,
  source: r.source,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  updatedBy: r.updated_by,
});

const toRow = (r: CorrelationRule): CorrelationRulesTable => ({
  id: r.id,
  name: r.name,
  enabled: r.enabled ? 1 : 0,
  observable_types: JSON.stringify(r.observableTypes),
  window_hours: r.windowHours,
  same_constituency: r.sameConstituency ? 1 : 0,
  min_shared: r.minShared,
  source: r.source,
  created_at: r.createdAt,
  updated_at: r.updatedAt,
  updated_by: r.updatedBy,
  version: r.version,
});

export function createCorrelationRuleStore() {
  /** Every rule in the order they apply: oldest first. */
  async function list(q: Queryable): Promise<CorrelationRule[]> {
    const rows = await q
      .selectFrom('correlation_rules')
      .selectAll()
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toRule);
  }

  async function get(q: Queryable, id: string): Promise<CorrelationRule | undefined> {
    const row = await q.selectFrom('correlation_rules').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRule(row) : undefined;
  }

  async function byName(q: Queryable, name: string): Promise<CorrelationRule | undefined> {
    const row = await q
      .selectFrom('correlation_rules')
      .selectAll()
      .where('name', '=', name)
      .executeTakeFirst();
    return row ? toRule(row) : undefined;
  }

  /** Whether any rule is enabled: intake queues no correlation work while none is. */
  async function anyEnabled(q: Queryable): Promise<boolean> {
    const row = await q
      .selectFrom('correlation_rules')
      .select('id')
      .where('enabled', '=', 1)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  async function insert(q: Queryable, rule: CorrelationRule): Promise<void> {
    await q.insertInto('correlation_rules').values(toRow(rule)).execute();
  }

  async function update(q: Queryable, rule: CorrelationRule): Promise<void> {
    const { id: _id, created_at: _c, ...changes } = toRow(rule);
    await q.updateTable('correlation_rules').set(changes).where('id', '=', rule.id).execute();
  }

  async function remove(q: Queryable, id: string): Promise<boolean> {
    const res = await q.deleteFrom('correlation_rules').where('id', '=', id).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  return { list, get, byName, anyEnabled, insert, update, remove };
}

export type CorrelationRuleStore = ReturnType<typeof createCorrelationRuleStore>;
