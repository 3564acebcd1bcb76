import { columnTypes, type FirebreakMigration } from '../platform/db/migration.ts';

export const migration: FirebreakMigration = {
  async up(db, dialect) {
    const t = columnTypes(dialect);
    await db.schema
      .alterTable('users')
      .addColumn('available', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema
      .alterTable('users')
      .addColumn('specialisations', 'text', (c) => c.notNull().defaultTo('[]'))
      .execute();

    await db.schema
      .createTable('incident_assignees')
      .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('assigned_by', 'text', (c) => c.notNull())
      .addColumn('assigned_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('incident_assignees_pk', ['incident_id', 'user_id'])
      .execute();
    // Workload counts (open incidents per handler) for automatic assignment.
    await db.schema
      .createIndex('incident_assignees_user_idx')
      .on('incident_assignees')
      .column('user_id')
      .execute();
  },

  async down(db) {
    await db.schema.dropTable('incident_assignees').execute();
    await db.schema.alterTable('users').dropColumn('specialisations').execute();
    await db.schema.alterTable('users').dropColumn('available').execute();
  },
};
