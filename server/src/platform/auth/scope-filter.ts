import { sql, type ExpressionBuilder } from 'kysely';
import type { Scope } from '#contracts/identity.ts';
import { readableTlps } from './actor.ts';

/**
 * `where` condition keeping the rows of a constituency-owned table (it has `tlp` and
 * `constituency_id`) that the scope may read: at or below its TLP ceiling, in its constituencies.
 * Unattributed rows (no constituency) are for unrestricted users only.
 */
export function inScope(scope: Scope, table: 'reports' | 'incidents') {
  return <DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>) => {
    const conditions = [eb(sql.ref(`${table}.tlp`), 'in', readableTlps(scope))];
    if (scope.constituencies !== null) {
      const allowed = scope.constituencies.length ? scope.constituencies : [''];
      conditions.push(eb(sql.ref(`${table}.constituency_id`), 'in', allowed));
    }
    return eb.and(conditions);
  };
}
