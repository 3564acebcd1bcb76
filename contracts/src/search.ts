import { z } from 'zod';
import { Timestamp } from './common.ts';
import { Tlp } from './identity.ts';
import { Phase } from './incidents.ts';
import { ExtractedObservable } from './observables.ts';

/** What the unified search looks through. `observable` answers "where have we seen X". */
export const SearchKind = z.enum(['incident', 'report', 'note', 'communication', 'task', 'observable']);
export type SearchKind = z.infer<typeof SearchKind>;
export const SEARCH_KINDS = SearchKind.options;

const day = z.union([z.iso.date(), Timestamp]);

/** `GET /api/v1/search`: words (or one observable) and optional filters; every filter narrows. */
export const SearchQuery = z.object({
  q: z.string().trim().min(1).max(200),
  /** Comma-separated kinds; all when absent. */
  kinds: z
    .string()
    .max(200)
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(SearchKind))
    .optional(),
  /** Inclusive bounds on when the item was created (received, sent); a bare date means that whole day. */
  from: day.optional(),
  to: day.optional(),
  /** Taxonomy type id of the incident's latest classification. */
  classification: z.string().max(100).optional(),
  constituency: z.string().max(100).optional(),
  /** The item's effective marking (a note's own, else its incident's). */
  tlp: Tlp.optional(),
  phase: Phase.optional(),
  /** User id of a lead or handler assigned to the incident. */
  handler: z.string().max(100).optional(),
  /** Most results per kind. */
  limit: z.coerce.number().int().min(1).max(100).default(20),
  /** Results of each kind to skip: the next page of a kind is `kinds=<kind>&offset=<shown>`. */
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
});
export type SearchQuery = z.infer<typeof SearchQuery>;

/** A highlighted span of a snippet: character offsets `[start, end)`; the client marks them (no HTML). */
export const Highlight = z.object({ start: z.number().int(), end: z.number().int() });
export type Highlight = z.infer<typeof Highlight>;

export const SearchHit = z.object({
  kind: SearchKind,
  id: z.string(),
  /** The incident it belongs to (a report's: the one it is linked to), null when none. */
  incidentKey: z.string().nullable(),
  reportId: z.string().nullable(),
  title: z.string(),
  snippet: z.string(),
  highlights: z.array(Highlight),
  /** Higher is better; comparable within one response only. */
  score: z.number(),
  at: Timestamp,
  tlp: Tlp,
  /** The incident's phase; `closed`/`post_analysis_done` mean archived. */
  phase: Phase.nullable(),
});
export type SearchHit = z.infer<typeof SearchHit>;

export const SearchResponse = z.object({
  /** The observable the query was read as, when it parses as one; then `observable` hits answer where it was seen. */
  observable: ExtractedObservable.nullable(),
  items: z.array(SearchHit),
  /** The kinds that have results beyond this page. */
  more: z.array(SearchKind),
});
export type SearchResponse = z.infer<typeof SearchResponse>;
