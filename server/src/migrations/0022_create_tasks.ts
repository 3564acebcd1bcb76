import { columnTypes, type FirebreakMigration } from '../platform/db/migration.ts';

export const migration: FirebreakMigration = {
  async up(db, dialect) {
    const t = columnTypes(dialect);
    // The resolution cycles of an incident (ENISA guide 4): cycle 1 is implicit until a second starts.
    await db.schema
      .createTable('task_cycles')
      .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
      .addColumn('number', 'integer', (c) => c.notNull())
      .addColumn('started_at', t.timestamp, (c) => c.notNull())
      .addColumn('started_by', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('task_cycles_pk', ['incident_id', 'number'])
      .execute();

    await db.schema
      .createTable('tasks')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
      .addColumn('cycle', 'integer', (c) => c.notNull())
      .addColumn('origin_cycle', 'integer', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('step', 'text', (c) => c.notNull())
      .addColumn('party_kind', 'text', (c) => c.notNull())
      .addColumn('party_name', 'text', (c) => c.notNull())
      .addColumn('party_user_id', 'text', (c) => c.references('users.id'))
      .addColumn('owner_id', 'text', (c) => c.references('users.id'))
      .addColumn('due_at', t.timestamp)
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('requires_approval', 'integer', (c) => c.notNull())
      // JSON array of user ids designated to approve besides leads and admins.
      .addColumn('approver_ids', 'text', (c) => c.notNull())
      .addColumn('approval', 'text')
      .addColumn('verification_method', 'text')
      .addColumn('verification_note', 'text')
      .addColumn('verified_by', 'text')
      .addColumn('verified_at', t.timestamp)
      .addColumn('playbook_item_id', 'text')
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('tasks_incident_idx').on('tasks').columns(['incident_id', 'cycle']).execute();
    await db.schema.createIndex('tasks_owner_idx').on('tasks').columns(['owner_id', 'status']).execute();

    // Every approval decision with its reason; the task keeps only the latest.
    await db.schema
      .createTable('task_approvals')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id'))
      .addColumn('decision', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('actor_label', 'text', (c) => c.notNull())
      .addColumn('at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('task_approvals_task_idx')
      .on('task_approvals')
      .columns(['task_id', 'at'])
      .execute();
  },

  async down(db) {
    await db.schema.dropTable('task_approvals').execute();
    await db.schema.dropTable('tasks').execute();
    await db.schema.dropTable('task_cycles').execute();
  },
};
