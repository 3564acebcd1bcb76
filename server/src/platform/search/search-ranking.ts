import { sql, type RawBuilder } from 'kysely';
import type { Dialect } from '../db/database.ts';
import { searchWords } from './search-index.ts';

const MAX_TERMS = 12;

/** One matching document with its relevance; higher `score` is better on both dialects. */
export interface RankedMatch {
  kind: string;
  ref_id: string;
  score: number;
}

/**
 * `(select kind, ref_id, score …)` of the documents of `kinds` matching `query` (every word
 * prefix-matched, as `SearchIndex.matching`), scored by BM25 on FTS5 and `ts_rank` on PostgreSQL. One
 * pass for all kinds: the match of a common word is the expensive part, so it is done once, for use as
 * a (materialised) common table joined to each feature's rows.
 */
export function rankedMatches(dialect: Dialect, kinds: string[], query: string): RawBuilder<RankedMatch> {
  const terms = searchWords(query).slice(0, MAX_TERMS);
  const inKinds = sql.join(kinds.length ? kinds : ['']);
  if (dialect === 'sqlite') {
    // Each word quoted, so no FTS5 operator comes from users. bm25() is lower-is-better: negated.
    const expr = terms.map((t) => `"${t}"*`).join(' ') || '""';
    return sql<RankedMatch>`(SELECT kind, ref_id, -bm25(search_fts) AS score FROM search_fts
      WHERE search_fts MATCH ${expr} AND kind IN (${inKinds}))`;
  }
  const tsquery = terms.map((t) => `${t}:*`).join(' & ');
  if (!tsquery)
    return sql<RankedMatch>`(SELECT kind, ref_id, 0.0 AS score FROM search_documents WHERE false)`;
  return sql<RankedMatch>`(SELECT kind, ref_id, ts_rank(tsv, to_tsquery('simple', ${tsquery})) AS score
    FROM search_documents WHERE kind IN (${inKinds}) AND tsv @@ to_tsquery('simple', ${tsquery}))`;
}
