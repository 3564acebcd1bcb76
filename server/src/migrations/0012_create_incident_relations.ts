import { columnTypes, type FirebreakMigration } from '../platform/db/migration.ts';

export const migration: FirebreakMigration = {
  async up(db, dialect) {
    const t = columnTypes(dialect);
    // Set on an incident merged into another; it stays readable and points at the survivor.
    await db.schema.alterTable('incidents').addColumn('merged_into_id', 'text').execute();

    // One row per direction, so either side lists the other with one indexed lookup.
    await db.schema
      .createTable('incident_relations')
      .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
      .addColumn('related_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('incident_relations_pk', ['incident_id', 'related_id'])
      .execute();
  },

  async down(db) {
    await db.schema.dropTable('incident_relations').execute();
    await db.schema.alterTable('incidents').dropColumn('merged_into_id').execute();
  },
};
