import { sql, type RawBuilder } from 'kysely';
import { insertUnnested, unnestPays } from '../db/bulk-insert.ts';
import type { Dialect, Queryable } from '../db/database.ts';

/**
 * One full-text index for every feature: FTS5 on SQLite, a generated `tsvector` on PostgreSQL.
 * Text is folded to words on both sides so the two dialects agree on what matches:
 * every query word must prefix-match a word of the document.
 */
export interface SearchIndex {
  /** Indexes (or re-indexes) one document; call inside the transaction that changes it. */
  put(q: Queryable, kind: string, refId: string, text: string): Promise<void>;
  /** Indexes many documents with a few statements per chunk instead of a few per document. */
  putMany(q: Queryable, docs: SearchDocument[]): Promise<void>;
  remove(q: Queryable, kind: string, refId: string): Promise<void>;
  /** `(select ref_id …)` of the documents of `kind` matching `query`, for `where(id, 'in', …)`. */
  matching(kind: string, query: string): RawBuilder<string>;
}

export interface SearchDocument {
  kind: string;
  refId: string;
  text: string;
}

const MAX_TERMS = 12;
// Documents per statement: 4 parameters each, far below both dialects' bound-parameter limits.
const DOCS_PER_STATEMENT = 500;

/** One document per (kind, refId), the last one winning: a statement may write each row once. */
const uniqueDocs = (docs: SearchDocument[]) => [
  ...new Map(docs.map((d) => [`${d.kind}\u0000${d.refId}`, d])).values(),
];

/** {@link uniqueDocs} chunked for multi-row statements. */
function chunksOf(docs: SearchDocument[]): SearchDocument[][] {
  const unique = uniqueDocs(docs);
  const chunks: SearchDocument[][] = [];
  for (let i = 0; i < unique.length; i += DOCS_PER_STATEMENT)
    chunks.push(unique.slice(i, i + DOCS_PER_STATEMENT));
  return chunks;
}

/** Splits text into the words both engines index. */
export function searchWords(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

export function createSearchIndex(dialect: Dialect): SearchIndex {
  const fold = (text: string) => searchWords(text).join(' ');
  if (dialect === 'sqlite') {
    return {
      // Documents are replaced by FTS rowid (kept in search_rowids): FTS5 cannot look up kind/ref_id.
      async put(q, kind, refId, text) {
        const { rows } = await sql<{
          id: number;
        }>`INSERT INTO search_rowids (kind, ref_id) VALUES (${kind}, ${refId})
          ON CONFLICT (kind, ref_id) DO UPDATE SET kind = excluded.kind RETURNING id`.execute(q);
        const id = rows[0]!.id;
        await sql`DELETE FROM search_fts WHERE rowid = ${id}`.execute(q);
        await sql`INSERT INTO search_fts (rowid, kind, ref_id, body) VALUES (${id}, ${kind}, ${refId}, ${fold(text)})`.execute(
          q,
        );
      },
      async putMany(q, docs) {
        for (const chunk of chunksOf(docs)) {
          const keys = sql.join(chunk.map((d) => sql`(${d.kind}, ${d.refId})`));
          const { rows } = await sql<{ id: number; kind: string; ref_id: string }>`INSERT INTO search_rowids
            (kind, ref_id) VALUES ${keys}
            ON CONFLICT (kind, ref_id) DO UPDATE SET kind = excluded.kind RETURNING id, kind, ref_id`.execute(
            q,
          );
          // RETURNING order is unspecified in SQLite: match rows by key.
          const ids = new Map(rows.map((r) => [`${r.kind}\u0000${r.ref_id}`, r.id]));
          const rowid = (d: SearchDocument) => ids.get(`${d.kind}\u0000${d.refId}`)!;
          await sql`DELETE FROM search_fts WHERE rowid IN (${sql.join(chunk.map(rowid))})`.execute(q);
          const values = chunk.map((d) => sql`(${rowid(d)}, ${d.kind}, ${d.refId}, ${fold(d.text)})`);
          await sql`INSERT INTO search_fts (rowid, kind, ref_id, body) VALUES ${sql.join(values)}`.execute(q);
        }
      },
      async remove(q, kind, refId) {
        const { rows } = await sql<{ id: number }>`DELETE FROM search_rowids
          WHERE kind = ${kind} AND ref_id = ${refId} RETURNING id`.execute(q);
        for (const { id } of rows) await sql`DELETE FROM search_fts WHERE rowid = ${id}`.execute(q);
      },
      matching(kind, query) {
        const terms = searchWords(query).slice(0, MAX_TERMS);
        // Each word quoted (no FTS5 operators from users) and prefix-matched.
        const expr = terms.map((t) => `"${t}"*`).join(' ') || '""';
        return sql<string>`(SELECT ref_id FROM search_fts WHERE search_fts MATCH ${expr} AND kind = ${kind})`;
      },
    };
  }
  return {
    async put(q, kind, refId, text) {
      await sql`INSERT INTO search_documents (kind, ref_id, body) VALUES (${kind}, ${refId}, ${fold(text)})
        ON CONFLICT (kind, ref_id) DO UPDATE SET body = excluded.body`.execute(q);
    },
    async putMany(q, docs) {
      const unique = uniqueDocs(docs);
      if (unnestPays('postgres', unique.length)) {
        const rows = unique.map((d) => ({ kind: d.kind, ref_id: d.refId, body: fold(d.text) }));
        await insertUnnested(
          q,
          'search_documents',
          rows,
          sql`ON CONFLICT (kind, ref_id) DO UPDATE SET body = excluded.body`,
        );
        return;
      }
      for (const chunk of chunksOf(unique)) {
        const values = chunk.map((d) => sql`(${d.kind}, ${d.refId}, ${fold(d.text)})`);
        await sql`INSERT INTO search_documents (kind, ref_id, body) VALUES ${sql.join(values)}
          ON CONFLICT (kind, ref_id) DO UPDATE SET body = excluded.body`.execute(q);
      }
    },
    async remove(q, kind, refId) {
      await sql`DELETE FROM search_documents WHERE kind = ${kind} AND ref_id = ${refId}`.execute(q);
    },
    matching(kind, query) {
      const terms = searchWords(query).slice(0, MAX_TERMS);
      const tsquery = terms.map((t) => `${t}:*`).join(' & ');
      if (!tsquery) return sql<string>`(SELECT ref_id FROM search_documents WHERE false)`;
      return sql<string>`(SELECT ref_id FROM search_documents WHERE kind = ${kind} AND tsv @@ to_tsquery('simple', ${tsquery}))`;
    },
  };
}
