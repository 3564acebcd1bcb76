import { sql, type RawBuilder } from 'kysely';
import type { Dialect } from '../db/database.ts';
import { searchWords } from './search-index.ts';

const MAX_TERMS = 12;

/** One matching document with its relevance; higher `score` is better on both dialects. */
export interface RankedMatch {
  ref_id: string;
  score: number;
}

/**
 * `(select ref_id, score …)` of the documents of `kind` matching `query` (every word prefix-matched, as
 * `SearchIndex.matching`), scored by BM25 on FTS5 and `ts_rank` on PostgreSQL. `window` bounds the work
 * a word found almost everywhere costs: only the newest `window` matches are scored; null scores all.
 */
export function rankedMatches(
  dialect: Dialect,
  kind: string,
  query: string,
  window: number | null,
): RawBuilder<RankedMatch> {
  const terms = searchWords(query).slice(0, MAX_TERMS);
  if (dialect === 'sqlite') {
    // Each word quoted, so no FTS5 operator comes from users. bm25() is lower-is-better: negated.
    // FTS rowids grow with first indexing (search_rowids), so the highest are the newest documents.
    const expr = terms.map((t) => `"${t}"*`).join(' ') || '""';
    const newest = window === null ? sql`` : sql`ORDER BY search_fts.rowid DESC LIMIT ${window}`;
    return sql<RankedMatch>`(SELECT r.ref_id, -bm25(search_fts) AS score
      FROM search_fts JOIN search_rowids r ON r.id = search_fts.rowid
      WHERE search_fts MATCH ${expr} AND r.kind = ${kind} ${newest})`;
  }
  const tsquery = terms.map((t) => `${t}:*`).join(' & ');
  if (!tsquery) return sql<RankedMatch>`(SELECT ref_id, 0.0 AS score FROM search_documents WHERE false)`;
  const q = sql`to_tsquery('simple', ${tsquery})`;
  if (window === null)
    return sql<RankedMatch>`(SELECT ref_id, ts_rank(tsv, ${q}) AS score
      FROM search_documents WHERE kind = ${kind} AND tsv @@ ${q})`;
  // Ranked after the cut, so ts_rank runs on the window only.
  return sql<RankedMatch>`(SELECT ref_id, ts_rank(tsv, ${q}) AS score FROM (SELECT ref_id, tsv
      FROM search_documents WHERE kind = ${kind} AND tsv @@ ${q} ORDER BY seq DESC LIMIT ${window}) w)`;
}
