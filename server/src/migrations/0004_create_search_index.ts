import { sql } from 'kysely';
import type { FirebreakMigration } from '../platform/db/migration.ts';

/** The full-text index behind `platform/search`: FTS5 on SQLite, a generated tsvector on PostgreSQL. */
export const migration: FirebreakMigration = {
  async up(db, dialect) {
    if (dialect === 'sqlite') {
      await sql`CREATE VIRTUAL TABLE search_fts USING fts5(kind UNINDEXED, ref_id UNINDEXED, body, tokenize = 'unicode61 remove_diacritics 2')`.execute(
        db,
      );
      return;
    }
    await db.schema
      .createTable('search_documents')
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('ref_id', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('tsv', sql`tsvector`, (c) => c.generatedAlwaysAs(sql`to_tsvector('simple', body)`).stored())
      .addPrimaryKeyConstraint('search_documents_pk', ['kind', 'ref_id'])
      .execute();
    await sql`CREATE INDEX search_documents_tsv_idx ON search_documents USING gin (tsv)`.execute(db);
  },

  async down(db, dialect) {
    await db.schema.dropTable(dialect === 'sqlite' ? 'search_fts' : 'search_documents').execute();
  },
};
