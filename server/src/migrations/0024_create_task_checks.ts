import { columnTypes, type FirebreakMigration } from '../platform/db/migration.ts';

export const migration: FirebreakMigration = {
  async up(db, dialect) {
    const t = columnTypes(dialect);
    // Automatic checks that a performed action worked (ENISA guide 4.4), run by the job system.
    await db.schema
      .createTable('task_checks')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
      .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('target', 'text', (c) => c.notNull())
      .addColumn('observable_type', 'text')
      .addColumn('expectation', 'text', (c) => c.notNull())
      .addColumn('interval_minutes', 'integer', (c) => c.notNull())
      // SHA-256 of the content when armed, for url_content_changed.
      .addColumn('baseline', 'text')
      .addColumn('armed_at', t.timestamp, (c) => c.notNull())
      .addColumn('armed_by', 'text', (c) => c.notNull())
      .addColumn('next_run_at', t.timestamp, (c) => c.notNull())
      .addColumn('last_run_at', t.timestamp)
      .addColumn('last_result', 'text')
      .addColumn('last_detail', 'text')
      .execute();
    await db.schema.createIndex('task_checks_task_idx').on('task_checks').column('task_id').execute();
    await db.schema.createIndex('task_checks_due_idx').on('task_checks').column('next_run_at').execute();
  },

  async down(db) {
    await db.schema.dropTable('task_checks').execute();
  },
};
