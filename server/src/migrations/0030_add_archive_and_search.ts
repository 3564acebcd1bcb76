import { sql } from 'kysely';
import type { FirebreakMigration } from '../platform/db/migration.ts';
import { createSearchIndex, type SearchDocument } from '../platform/search/search-index.ts';

const KINDS = ['note', 'task', 'communication'] as const;
const BATCH = 2000;

/**
 * Unified search (features/search): notes, tasks and communications join incidents and reports in
 * the one full-text index. New rows are indexed by their stores; this indexes the rows that exist.
 */
export const migration: FirebreakMigration = {
  async up(db, dialect) {
    const search = createSearchIndex(dialect);
    const sources = {
      note: sql<SearchDocument>`SELECT 'note' AS kind, id AS "refId", body AS text
        FROM incident_notes WHERE deleted_at IS NULL`,
      task: sql<SearchDocument>`SELECT 'task' AS kind, id AS "refId", title || ' ' || description AS text FROM tasks`,
      communication: sql<SearchDocument>`SELECT 'communication' AS kind, id AS "refId", subject || ' ' || body AS text
        FROM communications`,
    };
    for (const kind of KINDS) {
      for (let offset = 0; ; offset += BATCH) {
        const { rows } =
          await sql<SearchDocument>`${sources[kind]} ORDER BY id LIMIT ${BATCH} OFFSET ${offset}`.execute(db);
        if (!rows.length) break;
        await search.putMany(db, rows);
      }
    }
  },

  async down(db, dialect) {
    const search = createSearchIndex(dialect);
    for (const kind of KINDS) {
      const { rows } = await sql<{ ref_id: string }>`SELECT ref_id FROM ${sql.table(
        dialect === 'sqlite' ? 'search_rowids' : 'search_documents',
      )} WHERE kind = ${kind}`.execute(db);
      for (const r of rows) await search.remove(db, kind, r.ref_id);
    }
  },
};
