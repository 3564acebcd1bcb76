import { columnTypes, type FirebreakMigration } from '../platform/db/migration.ts';

export const migration: FirebreakMigration = {
  async up(db, dialect) {
    const t = columnTypes(dialect);
    // Admin rules linking a new report to an open incident by itself (features/correlation). No new
    // index: suggestions look observables up by report_observables (type, value) (0007) and rules start
    // from open incidents through incident_reports and the primary keys.
    await db.schema
      .createTable('correlation_rules')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('enabled', 'integer', (c) => c.notNull())
      // JSON array of observable types.
      .addColumn('observable_types', 'text', (c) => c.notNull())
      .addColumn('window_hours', 'integer', (c) => c.notNull())
      .addColumn('same_constituency', 'integer', (c) => c.notNull())
      .addColumn('min_shared', 'integer', (c) => c.notNull())
      .addColumn('source', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .execute();
  },

  async down(db) {
    await db.schema.dropTable('correlation_rules').execute();
  },
};
