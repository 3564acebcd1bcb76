import { columnTypes, type FirebreakMigration } from '../platform/db/migration.ts';

export const migration: FirebreakMigration = {
  async up(db, dialect) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable('incident_counters')
      .addColumn('year', 'integer', (c) => c.primaryKey())
      .addColumn('last', 'integer', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('incidents')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('key', 'text', (c) => c.notNull().unique())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('summary', 'text', (c) => c.notNull())
      .addColumn('phase', 'text', (c) => c.notNull())
      .addColumn('severity', 'text')
      .addColumn('priority', 'text')
      .addColumn('priority_override', 'text')
      .addColumn('priority_override_reason', 'text')
      .addColumn('constituency_id', 'text', (c) => c.references('constituencies.id').onDelete('set null'))
      .addColumn('tlp', 'text', (c) => c.notNull())
      .addColumn('pap', 'text', (c) => c.notNull())
      .addColumn('outcome', 'text')
      .addColumn('closing_summary', 'text')
      .addColumn('closed_at', t.timestamp)
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('incidents_queue_idx')
      .on('incidents')
      .columns(['phase', 'priority', 'created_at'])
      .execute();
    await db.schema
      .createIndex('incidents_constituency_idx')
      .on('incidents')
      .column('constituency_id')
      .execute();

    await db.schema
      .createTable('incident_reports')
      .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
      .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id').onDelete('cascade'))
      .addColumn('linked_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('incident_reports_pk', ['incident_id', 'report_id'])
      .execute();
    await db.schema
      .createIndex('incident_reports_report_idx')
      .on('incident_reports')
      .column('report_id')
      .execute();

    await db.schema
      .createTable('incident_timeline')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
      .addColumn('at', t.timestamp, (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('change', 'text')
      .addColumn('event_time', t.timestamp)
      .addColumn('discovery_time', t.timestamp)
      .execute();
    await db.schema
      .createIndex('incident_timeline_incident_idx')
      .on('incident_timeline')
      .columns(['incident_id', 'at'])
      .execute();
  },

  async down(db) {
    await db.schema.dropTable('incident_timeline').execute();
    await db.schema.dropTable('incident_reports').execute();
    await db.schema.dropTable('incidents').execute();
    await db.schema.dropTable('incident_counters').execute();
  },
};
