import { sql } from 'kysely';
import type { FirebreakMigration } from '../platform/db/migration.ts';

/**
 * SQLite only: FTS5 cannot index `kind`/`ref_id`, so replacing a document by them scanned the whole
 * index (5 ms a write at 40,000 documents, and growing). This table maps each document to its FTS
 * rowid, so a write replaces it by rowid.
 */
export const migration: FirebreakMigration = {
  async up(db, dialect) {
    if (dialect !== 'sqlite') return;
    await sql`CREATE TABLE search_rowids (
      id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL,
      ref_id TEXT NOT NULL,
      UNIQUE (kind, ref_id)
    )`.execute(db);
    await sql`INSERT INTO search_rowids (id, kind, ref_id) SELECT rowid, kind, ref_id FROM search_fts`.execute(
      db,
    );
  },

  async down(db, dialect) {
    if (dialect !== 'sqlite') return;
    await sql`DROP TABLE search_rowids`.execute(db);
  },
};
