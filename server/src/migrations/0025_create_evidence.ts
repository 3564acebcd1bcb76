import { columnTypes, type FirebreakMigration } from '../platform/db/migration.ts';

export const migration: FirebreakMigration = {
  async up(db, dialect) {
    const t = columnTypes(dialect);
    // Files acquired for an incident, stored as encrypted streamed blobs under the incident's data key.
    await db.schema
      .createTable('evidence_items')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
      .addColumn('filename', 'text', (c) => c.notNull())
      .addColumn('content_type', 'text', (c) => c.notNull())
      .addColumn('size', 'bigint', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('sha1', 'text', (c) => c.notNull())
      .addColumn('md5', 'text', (c) => c.notNull())
      .addColumn('key_id', 'text', (c) => c.notNull().references('data_keys.id'))
      .addColumn('tlp', 'text', (c) => c.notNull())
      // The acquisition record: who, when, from where, how, with which tool.
      .addColumn('acquired_by', 'text', (c) => c.notNull())
      .addColumn('acquired_at', t.timestamp, (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('method', 'text', (c) => c.notNull())
      .addColumn('tool', 'text', (c) => c.notNull())
      .addColumn('tool_version', 'text')
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('evidence_items_incident_idx')
      .on('evidence_items')
      .columns(['incident_id', 'created_at'])
      .execute();

    // The chain of custody: per item, append-only, each entry hashing the one before.
    await db.schema
      .createTable('evidence_custody')
      .addColumn('evidence_id', 'text', (c) => c.notNull().references('evidence_items.id'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('at', t.timestamp, (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('actor_label', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('prev_hash', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('evidence_custody_pk', ['evidence_id', 'seq'])
      .execute();
  },

  async down(db) {
    await db.schema.dropTable('evidence_custody').execute();
    await db.schema.dropTable('evidence_items').execute();
  },
};
