import type { NewTaxonomyType, TaxonomyType } from '#contracts/taxonomy.ts';
import type { AuditLog } from '../../platform/audit/audit-log.ts';
import { requireRole, type Actor } from '../../platform/auth/actor.ts';
import type { DatabaseHandle, Queryable } from '../../platform/db/database.ts';
import type { TaxonomyTypesTable } from '../../platform/db/schema.ts';
import { transaction } from '../../platform/db/transaction.ts';
import { conflict } from '../../platform/http/domain-error.ts';

const toType = (r: TaxonomyTypesTable): TaxonomyType => ({
  id: r.id,
  class: r.class,
  classLabel: r.class_label,
  type: r.type,
  typeLabel: r.type_label,
  description: r.description,
  source: r.source,
});

/** The incident classification taxonomy: RSIT seeded, admins add their own types. */
export function createTaxonomyService({
  handle,
  audit,
  now,
}: {
  handle: DatabaseHandle;
  audit: AuditLog;
  now: () => Date;
}) {
  const { db } = handle;

  async function list(): Promise<TaxonomyType[]> {
    return (await db.selectFrom('taxonomy_types').selectAll().orderBy('class').orderBy('type').execute()).map(
      toType,
    );
  }

  /** Whether a type id exists; other features check classifications with it. */
  async function exists(q: Queryable, id: string): Promise<boolean> {
    return (
      (await q.selectFrom('taxonomy_types').select('id').where('id', '=', id).executeTakeFirst()) !==
      undefined
    );
  }

  /** Of these class (`fraud`) or type (`fraud/phishing`) ids, the ones the taxonomy does not have. */
  async function unknownIds(q: Queryable, ids: string[]): Promise<string[]> {
    if (!ids.length) return [];
    const rows = await q
      .selectFrom('taxonomy_types')
      .select(['id', 'class'])
      .where((eb) => eb.or([eb('id', 'in', ids), eb('class', 'in', ids)]))
      .execute();
    const known = new Set(rows.flatMap((r) => [r.id, r.class]));
    return ids.filter((id) => !known.has(id));
  }

  async function add(actor: Actor, input: NewTaxonomyType): Promise<TaxonomyType> {
    requireRole(actor, 'admin');
    const row: TaxonomyTypesTable = {
      id: `${input.class}/${input.type}`,
      class: input.class,
      class_label: input.classLabel,
      type: input.type,
      type_label: input.typeLabel,
      description: input.description,
      source: 'custom',
      created_at: now().toISOString(),
    };
    return transaction(db, async (tx) => {
      if (await exists(tx, row.id)) throw conflict('taxonomy_type_exists', `The type ${row.id} exists`);
      await tx.insertInto('taxonomy_types').values(row).execute();
      await audit.record(tx, actor, {
        action: 'taxonomy.type_added',
        targetType: 'taxonomy_type',
        targetId: row.id,
        data: { ...input },
      });
      return toType(row);
    });
  }

  return { list, exists, unknownIds, add };
}

export type TaxonomyService = ReturnType<typeof createTaxonomyService>;
