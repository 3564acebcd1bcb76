import { sql } from 'kysely';
import { columnTypes, type FirebreakMigration } from '../platform/db/migration.ts';

export const migration: FirebreakMigration = {
  async up(db, dialect) {
    const t = columnTypes(dialect);
    // Random AES-256 keys wrapped by the master key; destroying one (wrapped_key overwritten) shreds
    // every blob encrypted under it.
    await db.schema
      .createTable('data_keys')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('purpose', 'text', (c) => c.notNull())
      .addColumn('wrapped_key', 'text', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('destroyed_at', t.timestamp)
      .execute();
    // One live key per purpose; a destroyed one may be succeeded by a new key of the same purpose.
    await db.schema
      .createIndex('data_keys_live_purpose_idx')
      .on('data_keys')
      .column('purpose')
      .unique()
      .where(sql.ref('destroyed_at'), 'is', null)
      .execute();

    // The raw submission and attachments of a report, stored as encrypted blobs.
    await db.schema
      .createTable('report_files')
      .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('filename', 'text', (c) => c.notNull())
      .addColumn('content_type', 'text', (c) => c.notNull())
      .addColumn('size', 'bigint', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('key_id', 'text', (c) => c.notNull().references('data_keys.id'))
      .addPrimaryKeyConstraint('report_files_pk', ['report_id', 'position'])
      .execute();
    // Retention: which reports hold files under a key about to be destroyed.
    await db.schema.createIndex('report_files_key_idx').on('report_files').column('key_id').execute();

    // JSON array of what a parser could not read, for the handler.
    await db.schema.alterTable('reports').addColumn('parse_warnings', 'text').execute();
    // The short reference a submitter of the public form can quote (R-XXXXX-XXXXX).
    await db.schema.alterTable('reports').addColumn('public_ref', 'text').execute();
    await db.schema
      .createIndex('reports_public_ref_idx')
      .on('reports')
      .column('public_ref')
      .unique()
      .execute();
  },

  async down(db) {
    await db.schema.dropIndex('reports_public_ref_idx').execute();
    await db.schema.alterTable('reports').dropColumn('public_ref').execute();
    await db.schema.alterTable('reports').dropColumn('parse_warnings').execute();
    await db.schema.dropTable('report_files').execute();
    await db.schema.dropTable('data_keys').execute();
  },
};
