import { columnTypes, type FirebreakMigration } from '../platform/db/migration.ts';

export const migration: FirebreakMigration = {
  async up(db, dialect) {
    const t = columnTypes(dialect);
    // Retention policies (features/retention): the most specific one matching an incident applies.
    await db.schema
      .createTable('retention_policies')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      // Null: any class / type / constituency.
      .addColumn('taxonomy_class', 'text')
      .addColumn('type_id', 'text', (c) => c.references('taxonomy_types.id'))
      .addColumn('constituency_id', 'text', (c) => c.references('constituencies.id').onDelete('cascade'))
      .addColumn('archive_after_days', 'integer')
      .addColumn('destroy_after_months', 'integer')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .execute();

    // Retention state of an incident: archived by policy, and the legal hold that blocks destruction.
    await db.schema
      .createTable('incident_retention')
      .addColumn('incident_id', 'text', (c) => c.primaryKey().references('incidents.id').onDelete('cascade'))
      .addColumn('archived_at', t.timestamp)
      .addColumn('hold_reason', 'text')
      .addColumn('hold_by', 'text')
      .addColumn('hold_at', t.timestamp)
      .execute();

    // What is left of a destroyed incident: enough to prove what was destroyed, when and under which policy.
    await db.schema
      .createTable('incident_tombstones')
      .addColumn('incident_id', 'text', (c) => c.primaryKey())
      .addColumn('incident_key', 'text', (c) => c.notNull().unique())
      .addColumn('type_id', 'text')
      .addColumn('constituency_id', 'text')
      .addColumn('tlp', 'text', (c) => c.notNull())
      .addColumn('outcome', 'text')
      .addColumn('opened_at', t.timestamp, (c) => c.notNull())
      .addColumn('closed_at', t.timestamp)
      .addColumn('destroyed_at', t.timestamp, (c) => c.notNull())
      .addColumn('destroyed_by', 'text', (c) => c.notNull())
      .addColumn('policy_id', 'text')
      .addColumn('policy_name', 'text', (c) => c.notNull())
      // JSON: SHA-256 of the destroyed content, of each evidence file and each linked report.
      .addColumn('hashes', 'text', (c) => c.notNull())
      .addColumn('counts', 'text', (c) => c.notNull())
      .addColumn('key_ids', 'text', (c) => c.notNull())
      .execute();
  },

  async down(db) {
    await db.schema.dropTable('incident_tombstones').execute();
    await db.schema.dropTable('incident_retention').execute();
    await db.schema.dropTable('retention_policies').execute();
  },
};
