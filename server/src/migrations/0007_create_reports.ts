import { columnTypes, type FirebreakMigration } from '../platform/db/migration.ts';

export const migration: FirebreakMigration = {
  async up(db, dialect) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable('reports')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('reporter_kind', 'text', (c) => c.notNull())
      .addColumn('reporter_name', 'text', (c) => c.notNull())
      .addColumn('reporter_contact', 'text', (c) => c.notNull())
      .addColumn('reporter_trust', 'text', (c) => c.notNull())
      .addColumn('received_at', t.timestamp, (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('raw', 'text', (c) => c.notNull())
      .addColumn('raw_sha256', 'text', (c) => c.notNull())
      .addColumn('tlp', 'text', (c) => c.notNull())
      .addColumn('pap', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('discard_reason', 'text')
      .addColumn('discard_note', 'text')
      .addColumn('constituency_id', 'text', (c) => c.references('constituencies.id').onDelete('set null'))
      .addColumn('matched_by', 'text')
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('reports_inbox_idx')
      .on('reports')
      .columns(['status', 'received_at'])
      .execute();
    await db.schema.createIndex('reports_constituency_idx').on('reports').column('constituency_id').execute();

    await db.schema
      .createTable('report_observables')
      .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id').onDelete('cascade'))
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('report_observables_pk', ['report_id', 'type', 'value'])
      .execute();
    // Correlation: which reports share an observable.
    await db.schema
      .createIndex('report_observables_value_idx')
      .on('report_observables')
      .columns(['type', 'value'])
      .execute();
  },

  async down(db) {
    await db.schema.dropTable('report_observables').execute();
    await db.schema.dropTable('reports').execute();
  },
};
