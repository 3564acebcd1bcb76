import { columnTypes, type FirebreakMigration } from '../platform/db/migration.ts';

export const migration: FirebreakMigration = {
  async up(db, dialect) {
    const t = columnTypes(dialect);
    // Messages to and from parties, on an incident or (before one exists) on a report.
    await db.schema
      .createTable('communications')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('incident_id', 'text', (c) => c.references('incidents.id'))
      .addColumn('report_id', 'text', (c) => c.references('reports.id'))
      .addColumn('direction', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('message_id', 'text')
      .addColumn('from_address', 'text', (c) => c.notNull())
      .addColumn('from_name', 'text', (c) => c.notNull())
      .addColumn('to_addresses', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('raw_sha256', 'text')
      // The raw message, an encrypted blob under this data key (platform/blobs).
      .addColumn('raw_key_id', 'text')
      .addColumn('automated', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('at', t.timestamp, (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('communications_incident_idx')
      .on('communications')
      .columns(['incident_id', 'at'])
      .execute();
    await db.schema
      .createIndex('communications_report_idx')
      .on('communications')
      .columns(['report_id', 'at'])
      .execute();
    await db.schema
      .createIndex('communications_to_idx')
      .on('communications')
      .columns(['direction', 'to_addresses', 'at'])
      .execute();

    // Every Message-ID we sent or received, and what it belongs to: replies quoting one thread there.
    await db.schema
      .createTable('mail_message_ids')
      .addColumn('message_id', 'text', (c) => c.primaryKey())
      .addColumn('report_id', 'text', (c) => c.references('reports.id'))
      .addColumn('incident_id', 'text', (c) => c.references('incidents.id'))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .execute();

    // Each message taken in, by the SHA-256 of its bytes: a redelivery (IMAP after a crash, an MTA
    // retrying after a lost 250) is recognised instead of registered twice.
    await db.schema
      .createTable('mail_receipts')
      .addColumn('raw_sha256', 'text', (c) => c.primaryKey())
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('received_at', t.timestamp, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('mailboxes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('host', 'text', (c) => c.notNull())
      .addColumn('port', 'integer', (c) => c.notNull())
      .addColumn('tls', 'text', (c) => c.notNull())
      .addColumn('username', 'text', (c) => c.notNull())
      // The password encrypted under a data key (platform/crypto), never in clear.
      .addColumn('password_sealed', 'text', (c) => c.notNull())
      .addColumn('folder', 'text', (c) => c.notNull())
      .addColumn('processed_folder', 'text', (c) => c.notNull())
      .addColumn('enabled', 'integer', (c) => c.notNull())
      .addColumn('last_polled_at', t.timestamp)
      .addColumn('last_error', 'text')
      .addColumn('last_count', 'integer')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .execute();
  },

  async down(db) {
    await db.schema.dropTable('mailboxes').execute();
    await db.schema.dropTable('mail_receipts').execute();
    await db.schema.dropTable('mail_message_ids').execute();
    await db.schema.dropTable('communications').execute();
  },
};
