import { columnTypes, type FirebreakMigration } from '../platform/db/migration.ts';

export const migration: FirebreakMigration = {
  async up(db, dialect) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable('constituencies')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('criticality', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('constituency_assets')
      .addColumn('constituency_id', 'text', (c) =>
        c.notNull().references('constituencies.id').onDelete('cascade'),
      )
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('constituency_assets_pk', ['constituency_id', 'kind', 'value'])
      .execute();
    await db.schema
      .createIndex('constituency_assets_value_idx')
      .on('constituency_assets')
      .columns(['kind', 'value'])
      .execute();

    await db.schema
      .createTable('constituency_contacts')
      .addColumn('constituency_id', 'text', (c) =>
        c.notNull().references('constituencies.id').onDelete('cascade'),
      )
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('language', 'text', (c) => c.notNull())
      .addColumn('audience', 'text', (c) => c.notNull())
      .addColumn('pgp_key', 'text', (c) => c.notNull())
      .addColumn('may_disclose', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('constituency_contacts_pk', ['constituency_id', 'position'])
      .execute();
  },

  async down(db) {
    await db.schema.dropTable('constituency_contacts').execute();
    await db.schema.dropTable('constituency_assets').execute();
    await db.schema.dropTable('constituencies').execute();
  },
};
