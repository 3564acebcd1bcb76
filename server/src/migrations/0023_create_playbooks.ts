import { readFileSync } from 'node:fs';
import { columnTypes, type FirebreakMigration } from '../platform/db/migration.ts';

interface SeedPlaybook {
  id: string;
  name: string;
  description: string;
  taxonomyIds: string[];
  items: { title: string; step: string; partyKind: string; requiresApproval: boolean; description: string }[];
}

/** The shipped playbooks, written from the ENISA guide's resolution steps (a copy kept with this migration). */
const seed = JSON.parse(
  readFileSync(new URL('./data/0023_playbooks.json', import.meta.url), 'utf8'),
) as SeedPlaybook[];

export const migration: FirebreakMigration = {
  async up(db, dialect) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable('playbooks')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .execute();
    // A taxonomy type or class belongs to at most one playbook, so applying one is unambiguous.
    await db.schema
      .createTable('playbook_types')
      .addColumn('taxonomy_id', 'text', (c) => c.primaryKey())
      .addColumn('playbook_id', 'text', (c) => c.notNull().references('playbooks.id'))
      .execute();
    await db.schema
      .createTable('playbook_items')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('playbook_id', 'text', (c) => c.notNull().references('playbooks.id'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('step', 'text', (c) => c.notNull())
      .addColumn('party_kind', 'text', (c) => c.notNull())
      .addColumn('requires_approval', 'integer', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('playbook_items_playbook_idx')
      .on('playbook_items')
      .columns(['playbook_id', 'position'])
      .execute();

    const at = new Date().toISOString();
    for (const p of seed) {
      await db
        .insertInto('playbooks')
        .values({
          id: p.id,
          name: p.name,
          description: p.description,
          updated_at: at,
          updated_by: 'system:seed',
          version: 1,
        })
        .execute();
      await db
        .insertInto('playbook_types')
        .values(p.taxonomyIds.map((taxonomy_id) => ({ taxonomy_id, playbook_id: p.id })))
        .execute();
      await db
        .insertInto('playbook_items')
        .values(
          p.items.map((item, i) => ({
            id: `${p.id}-${i + 1}`,
            playbook_id: p.id,
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
  },

  async down(db) {
    await db.schema.dropTable('playbook_items').execute();
    await db.schema.dropTable('playbook_types').execute();
    await db.schema.dropTable('playbooks').execute();
  },
};
