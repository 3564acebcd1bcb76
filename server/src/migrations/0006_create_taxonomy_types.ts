import { readFileSync } from 'node:fs';
import { columnTypes, type FirebreakMigration } from '../platform/db/migration.ts';

interface RsitEntry {
  class: string;
  class_label: string;
  type: string;
  type_label: string;
  description: string;
}

/** The ENISA Reference Security Incident Taxonomy as published (a copy kept with this migration). */
const rsit = JSON.parse(
  readFileSync(new URL('./data/0006_rsit.json', import.meta.url), 'utf8'),
) as RsitEntry[];

export const migration: FirebreakMigration = {
  async up(db, dialect) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable('taxonomy_types')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('class', 'text', (c) => c.notNull())
      .addColumn('class_label', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('type_label', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .execute();
    const at = new Date().toISOString();
    await db
      .insertInto('taxonomy_types')
      .values(
        rsit.map((e) => ({
          id: `${e.class}/${e.type}`,
          class: e.class,
          class_label: e.class_label,
          type: e.type,
          type_label: e.type_label,
          description: e.description,
          source: 'rsit',
          created_at: at,
        })),
      )
      .execute();
  },

  async down(db) {
    await db.schema.dropTable('taxonomy_types').execute();
  },
};
