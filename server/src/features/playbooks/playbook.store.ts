import type { Playbook, PlaybookInput } from '#contracts/playbooks.ts';
import type { Queryable } from '../../platform/db/database.ts';
import type { PlaybooksTable } from '../../platform/db/schema.ts';

export function createPlaybookStore() {
  async function hydrate(q: Queryable, rows: PlaybooksTable[]): Promise<Playbook[]> {
    if (!rows.length) return [];
    const ids = rows.map((r) => r.id);
    const [types, items] = await Promise.all([
      q
        .selectFrom('playbook_types')
        .selectAll()
        .where('playbook_id', 'in', ids)
        .orderBy('taxonomy_id')
        .execute(),
      q
        .selectFrom('playbook_items')
        .selectAll()
        .where('playbook_id', 'in', ids)
        .orderBy('position')
        .execute(),
    ]);
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      description: r.description,
      taxonomyIds: types.filter((t) => t.playbook_id === r.id).map((t) => t.taxonomy_id),
      items: items
        .filter((i) => i.playbook_id === r.id)
        .map((i) => ({
          id: i.id,
          title: i.title,
          step: i.step as Playbook['items'][number]['step'],
          partyKind: i.party_kind as Playbook['items'][number]['partyKind'],
          requiresApproval: i.requires_approval === 1,
          description: i.description,
        })),
      updatedAt: r.updated_at,
      updatedBy: r.updated_by,
      version: Number(r.version),
    }));
  }

  async function list(q: Queryable): Promise<Playbook[]> {
    return hydrate(q, await q.selectFrom('playbooks').selectAll().orderBy('name').execute());
  }

  async function get(q: Queryable, id: string): Promise<Playbook | undefined> {
    return (await hydrate(q, await q.selectFrom('playbooks').selectAll().where('id', '=', id).execute()))[0];
  }

  /** The playbook for a taxonomy type, else for its class (the fallback), else none. */
  async function forType(q: Queryable, typeId: string): Promise<Playbook | undefined> {
    const klass = typeId.split('/')[0]!;
    const rows = await q
      .selectFrom('playbook_types')
      .select(['taxonomy_id', 'playbook_id'])
      .where('taxonomy_id', 'in', [typeId, klass])
      .execute();
    const match = rows.find((r) => r.taxonomy_id === typeId) ?? rows.find((r) => r.taxonomy_id === klass);
    return match ? get(q, match.playbook_id) : undefined;
  }

  /** Taxonomy ids of these that another playbook already covers, with its name. */
  async function taken(q: Queryable, ids: string[], except: string | null) {
    let query = q
      .selectFrom('playbook_types')
      .innerJoin('playbooks', 'playbooks.id', 'playbook_types.playbook_id')
      .select(['playbook_types.taxonomy_id', 'playbooks.name'])
      .where('playbook_types.taxonomy_id', 'in', ids);
    if (except) query = query.where('playbooks.id', '!=', except);
    return query.execute();
  }

  /** Writes the playbook's types and items as given; kept item ids keep their identity for top-up. */
  async function save(q: Queryable, row: PlaybooksTable, input: PlaybookInput, newId: () => string) {
    const existing = await q.selectFrom('playbooks').select('id').where('id', '=', row.id).executeTakeFirst();
    if (existing) await q.updateTable('playbooks').set(row).where('id', '=', row.id).execute();
    else await q.insertInto('playbooks').values(row).execute();
    await q.deleteFrom('playbook_types').where('playbook_id', '=', row.id).execute();
    await q
      .insertInto('playbook_types')
      .values(input.taxonomyIds.map((taxonomy_id) => ({ taxonomy_id, playbook_id: row.id })))
      .execute();
    await q.deleteFrom('playbook_items').where('playbook_id', '=', row.id).execute();
    await q
      .insertInto('playbook_items')
      .values(
        input.items.map((item, i) => ({
          id: item.id ?? newId(),
          playbook_id: row.id,
          position: i + 1,
          title: item.title,
          step: item.step,
          party_kind: item.partyKind,
          requires_approval: item.requiresApproval ? 1 : 0,
          description: item.description,
        })),
      )
      .execute();
  }

  async function remove(q: Queryable, id: string): Promise<void> {
    await q.deleteFrom('playbook_items').where('playbook_id', '=', id).execute();
    await q.deleteFrom('playbook_types').where('playbook_id', '=', id).execute();
    await q.deleteFrom('playbooks').where('id', '=', id).execute();
  }

  /** Item ids that belong to another playbook (an id may not move between playbooks). */
  async function foreignItems(q: Queryable, ids: string[], playbookId: string): Promise<string[]> {
    if (!ids.length) return [];
    const rows = await q
      .selectFrom('playbook_items')
      .select('id')
      .where('id', 'in', ids)
      .where('playbook_id', '!=', playbookId)
      .execute();
    return rows.map((r) => r.id);
  }

  return { list, get, forType, taken, save, remove, foreignItems };
}

export type PlaybookStore = ReturnType<typeof createPlaybookStore>;
