import { columnTypes, type FirebreakMigration } from '../platform/db/migration.ts';

export const migration: FirebreakMigration = {
  async up(db, dialect) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable('audit_events')
      .addColumn('seq', t.serial, (c) =>
        c.primaryKey().$call((c) => (dialect === 'sqlite' ? c.autoIncrement() : c)),
      )
      .addColumn('at', t.timestamp, (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('actor_label', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('target_type', 'text', (c) => c.notNull())
      .addColumn('target_id', 'text')
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('prev_hash', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('audit_events_target_idx')
      .on('audit_events')
      .columns(['target_type', 'target_id'])
      .execute();
    await db.schema.createIndex('audit_events_actor_idx').on('audit_events').column('actor_id').execute();
  },

  async down(db) {
    await db.schema.dropTable('audit_events').execute();
  },
};
