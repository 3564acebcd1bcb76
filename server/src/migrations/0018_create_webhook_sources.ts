import { columnTypes, type FirebreakMigration } from '../platform/db/migration.ts';

export const migration: FirebreakMigration = {
  async up(db, dialect) {
    const t = columnTypes(dialect);
    // One row per generic webhook source: its field mapping and how its posts are authenticated.
    await db.schema
      .createTable('webhook_sources')
      .addColumn('source', 'text', (c) => c.primaryKey())
      .addColumn('mapping', 'text', (c) => c.notNull())
      .addColumn('auth_kind', 'text', (c) => c.notNull())
      // token: only its SHA-256, as API tokens.
      .addColumn('token_hash', 'text')
      .addColumn('token_prefix', 'text')
      .addColumn('hmac_header', 'text')
      .addColumn('hmac_prefix', 'text')
      // hmac: the shared secret itself, as checking a signature needs it (no encryption key exists yet).
      .addColumn('hmac_secret', 'text')
      .addColumn('fingerprint', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .execute();
  },

  async down(db) {
    await db.schema.dropTable('webhook_sources').execute();
  },
};
