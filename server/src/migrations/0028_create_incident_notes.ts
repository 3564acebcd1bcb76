import { columnTypes, type FirebreakMigration } from '../platform/db/migration.ts';

export const migration: FirebreakMigration = {
  async up(db, dialect) {
    const t = columnTypes(dialect);
    // Markdown notes on an incident (features/notes). Deleting keeps the row (deleted_at) so the audit
    // trail can still point at what was removed.
    await db.schema
      .createTable('incident_notes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
      .addColumn('body', 'text', (c) => c.notNull())
      // Null: the incident's own marking applies.
      .addColumn('tlp', 'text')
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('deleted_by', 'text')
      .addColumn('deleted_at', t.timestamp)
      .addColumn('version', 'integer', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('incident_notes_incident_idx')
      .on('incident_notes')
      .columns(['incident_id', 'created_at'])
      .execute();

    // One analysis record per incident: root cause, affected assets and impact (JSON), versioned.
    await db.schema
      .createTable('incident_analyses')
      .addColumn('incident_id', 'text', (c) => c.primaryKey().references('incidents.id').onDelete('cascade'))
      .addColumn('root_cause', 'text', (c) => c.notNull())
      .addColumn('assets', 'text', (c) => c.notNull())
      .addColumn('impact', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .execute();
  },

  async down(db) {
    await db.schema.dropTable('incident_analyses').execute();
    await db.schema.dropTable('incident_notes').execute();
  },
};
