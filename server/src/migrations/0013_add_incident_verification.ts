import { columnTypes, type FirebreakMigration } from '../platform/db/migration.ts';

export const migration: FirebreakMigration = {
  async up(db, dialect) {
    const t = columnTypes(dialect);
    await db.schema.alterTable('incidents').addColumn('verified_at', t.timestamp).execute();
    await db.schema.alterTable('incidents').addColumn('verified_by', 'text').execute();
    // The incident list's default order (newest first) scanned every row without it.
    await db.schema.createIndex('incidents_created_idx').on('incidents').column('created_at').execute();
  },

  async down(db) {
    await db.schema.dropIndex('incidents_created_idx').execute();
    await db.schema.alterTable('incidents').dropColumn('verified_by').execute();
    await db.schema.alterTable('incidents').dropColumn('verified_at').execute();
  },
};
