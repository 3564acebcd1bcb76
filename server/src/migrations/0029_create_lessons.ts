import { columnTypes, type FirebreakMigration } from '../platform/db/migration.ts';

export const migration: FirebreakMigration = {
  async up(db, dialect) {
    const t = columnTypes(dialect);
    // One lessons-learned record per incident (features/lessons), versioned like the analysis record.
    await db.schema
      .createTable('incident_lessons')
      .addColumn('incident_id', 'text', (c) => c.primaryKey().references('incidents.id').onDelete('cascade'))
      .addColumn('went_well', 'text', (c) => c.notNull())
      .addColumn('went_badly', 'text', (c) => c.notNull())
      .addColumn('detection', 'text', (c) => c.notNull())
      .addColumn('response', 'text', (c) => c.notNull())
      .addColumn('organisation', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('reviewed_by', 'text')
      .addColumn('reviewed_at', t.timestamp)
      .addColumn('version', 'integer', (c) => c.notNull())
      .execute();

    // Follow-ups of an incident that outlive it: improvement proposals and remediation items. One table
    // because they share owner, due date, status and versioning; `kind` tells them apart.
    await db.schema
      .createTable('incident_follow_ups')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('owner_id', 'text', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('due_date', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('playbook_id', 'text', (c) => c.references('playbooks.id').onDelete('set null'))
      .addColumn('procedure', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('incident_follow_ups_incident_idx')
      .on('incident_follow_ups')
      .columns(['incident_id', 'kind', 'created_at'])
      .execute();
    // The boards across incidents filter by kind and status.
    await db.schema
      .createIndex('incident_follow_ups_board_idx')
      .on('incident_follow_ups')
      .columns(['kind', 'status', 'due_date'])
      .execute();
  },

  async down(db) {
    await db.schema.dropTable('incident_follow_ups').execute();
    await db.schema.dropTable('incident_lessons').execute();
  },
};
