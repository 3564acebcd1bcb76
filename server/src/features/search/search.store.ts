import { sql, type RawBuilder } from 'kysely';
import type { Scope } from '#contracts/identity.ts';
import type { ExtractedObservable } from '#contracts/observables.ts';
import type { SearchKind } from '#contracts/search.ts';
import { readableTlps } from '../../platform/auth/actor.ts';
import type { Dialect, Queryable } from '../../platform/db/database.ts';
import { rankedMatches } from '../../platform/search/search-ranking.ts';

/** One row of any kind, in the shape every kind's source query answers. */
export interface SearchRow {
  kind: SearchKind;
  id: string;
  incident_key: string | null;
  report_id: string | null;
  title: string;
  body: string;
  at: string;
  tlp: string;
  phase: string | null;
  score: number;
}

export interface SearchFilter {
  from?: string | undefined;
  to?: string | undefined;
  classification?: string | undefined;
  constituency?: string | undefined;
  tlp?: string | undefined;
  phase?: string | undefined;
  handler?: string | undefined;
  limit: number;
  offset: number;
}

export type TextKind = Exclude<SearchKind, 'observable'>;

/** What the scope may read of a table with `tlp` and `constituency_id` (see platform/auth/scope-filter). */
function inScope(scope: Scope, alias: string): RawBuilder<boolean> {
  const tlp = sql`${sql.ref(`${alias}.tlp`)} IN (${sql.join(readableTlps(scope))})`;
  if (scope.constituencies === null) return sql<boolean>`${tlp}`;
  const allowed = scope.constituencies.length ? scope.constituencies : [''];
  return sql<boolean>`(${tlp} AND ${sql.ref(`${alias}.constituency_id`)} IN (${sql.join(allowed)}))`;
}

/** The incident a report is shown with: the first one it was linked to that the scope may read. */
function linkedIncident(scope: Scope, reportId: RawBuilder<unknown>): RawBuilder<string | null> {
  return sql`(SELECT ir.incident_id FROM incident_reports ir JOIN incidents li ON li.id = ir.incident_id
    WHERE ir.report_id = ${reportId} AND ${inScope(scope, 'li')} ORDER BY ir.linked_at, ir.incident_id LIMIT 1)`;
}

/**
 * Each kind's matching rows, already restricted to the scope (the incident's or report's constituency
 * and TLP, and a note's own stricter marking), with the columns the filters apply to.
 */
function source(kind: TextKind, m: RawBuilder<unknown>, scope: Scope, dialect: Dialect): RawBuilder<unknown> {
  const tlps = sql.join(readableTlps(scope));
  // SQLite would scan the whole table and probe the matches; CROSS JOIN makes it start from the matches.
  const JOIN = sql.raw(dialect === 'sqlite' ? 'CROSS JOIN' : 'JOIN');
  switch (kind) {
    case 'incident':
      return sql`SELECT 'incident' AS kind, i.id, i.id AS incident_id, i.key AS incident_key, NULL AS report_id,
        i.title, i.summary AS body, i.created_at AS at, i.tlp, i.phase, i.constituency_id, m.score
        FROM ${m} m ${JOIN} incidents i ON i.id = m.ref_id WHERE ${inScope(scope, 'i')}`;
    case 'report':
      return sql`SELECT 'report' AS kind, r.id, i.id AS incident_id, i.key AS incident_key, r.id AS report_id,
        r.title, r.body, r.received_at AS at, r.tlp, i.phase, r.constituency_id, m.score
        FROM ${m} m ${JOIN} reports r ON r.id = m.ref_id
        LEFT JOIN incidents i ON i.id = ${linkedIncident(scope, sql.ref('r.id'))}
        WHERE ${inScope(scope, 'r')}`;
    case 'note':
      return sql`SELECT 'note' AS kind, n.id, i.id AS incident_id, i.key AS incident_key, NULL AS report_id,
        i.title, n.body, n.created_at AS at, COALESCE(n.tlp, i.tlp) AS tlp, i.phase, i.constituency_id, m.score
        FROM ${m} m ${JOIN} incident_notes n ON n.id = m.ref_id JOIN incidents i ON i.id = n.incident_id
        WHERE n.deleted_at IS NULL AND (n.tlp IS NULL OR n.tlp IN (${tlps})) AND ${inScope(scope, 'i')}`;
    case 'task':
      return sql`SELECT 'task' AS kind, t.id, i.id AS incident_id, i.key AS incident_key, NULL AS report_id,
        t.title, t.description AS body, t.created_at AS at, i.tlp, i.phase, i.constituency_id, m.score
        FROM ${m} m ${JOIN} tasks t ON t.id = m.ref_id JOIN incidents i ON i.id = t.incident_id
        WHERE ${inScope(scope, 'i')}`;
    case 'communication':
      // A thread belongs to its incident, or to its report before one is opened: that one's scope applies.
      return sql`SELECT 'communication' AS kind, c.id, i.id AS incident_id, i.key AS incident_key,
        c.report_id, c.subject AS title, c.body, c.at, COALESCE(i.tlp, r.tlp) AS tlp, i.phase,
        COALESCE(i.constituency_id, r.constituency_id) AS constituency_id, m.score
        FROM ${m} m ${JOIN} communications c ON c.id = m.ref_id
        LEFT JOIN incidents i ON i.id = c.incident_id
        LEFT JOIN reports r ON r.id = c.report_id
        WHERE (c.incident_id IS NOT NULL AND ${inScope(scope, 'i')})
           OR (c.incident_id IS NULL AND c.report_id IS NOT NULL AND ${inScope(scope, 'r')})`;
  }
}

/** The sightings of one observable: held by incidents, carried by reports; score 1 (exact match). */
function observableSource(o: ExtractedObservable, scope: Scope): RawBuilder<unknown> {
  const tlps = sql.join(readableTlps(scope));
  return sql`SELECT 'observable' AS kind, io.id, i.id AS incident_id, i.key AS incident_key, NULL AS report_id,
      i.title, io.type || ' ' || io.value || ' (' || io.source || ')' AS body, io.added_at AS at, io.tlp, i.phase,
      i.constituency_id, 1.0 AS score
      FROM incident_observables io JOIN incidents i ON i.id = io.incident_id
      WHERE io.type = ${o.type} AND io.value = ${o.value} AND io.tlp IN (${tlps}) AND ${inScope(scope, 'i')}
    UNION ALL
    SELECT 'observable' AS kind, r.id || ':' || ro.origin, i.id AS incident_id, i.key AS incident_key,
      r.id AS report_id, r.title, ro.type || ' ' || ro.value || ' (' || ro.origin || ')' AS body,
      r.received_at AS at, r.tlp, i.phase, r.constituency_id, 1.0 AS score
      FROM report_observables ro JOIN reports r ON r.id = ro.report_id
      LEFT JOIN incidents i ON i.id = ${linkedIncident(scope, sql.ref('r.id'))}
      WHERE ro.type = ${o.type} AND ro.value = ${o.value} AND ${inScope(scope, 'r')}`;
}

/** The filters, on the columns every source answers; each one narrows. */
function filtered(src: RawBuilder<unknown>, f: SearchFilter): RawBuilder<SearchRow> {
  const where: RawBuilder<unknown>[] = [sql`1 = 1`];
  if (f.from) where.push(sql`s.at >= ${f.from}`);
  if (f.to) where.push(sql`s.at <= ${f.to}`);
  if (f.tlp) where.push(sql`s.tlp = ${f.tlp}`);
  if (f.constituency) where.push(sql`s.constituency_id = ${f.constituency}`);
  if (f.phase) where.push(sql`s.phase = ${f.phase}`);
  if (f.handler)
    where.push(
      sql`s.incident_id IN (SELECT incident_id FROM incident_assignees WHERE user_id = ${f.handler})`,
    );
  if (f.classification)
    // The incident's current class: its latest classification.
    where.push(sql`s.incident_id IN (SELECT c.incident_id FROM incident_classifications c
      WHERE c.type_id = ${f.classification} AND NOT EXISTS (SELECT 1 FROM incident_classifications c2
        WHERE c2.incident_id = c.incident_id AND (c2.at > c.at OR (c2.at = c.at AND c2.id > c.id))))`);
  // One more than the page, to tell whether there is a next one.
  return sql<SearchRow>`SELECT s.kind, s.id, s.incident_key, s.report_id, s.title, s.body, s.at, s.tlp, s.phase,
    s.score FROM (${src}) s WHERE ${sql.join(where, sql` AND `)}
    ORDER BY s.score DESC, s.at DESC, s.id LIMIT ${f.limit + 1} OFFSET ${f.offset}`;
}

/** A page of one kind's results and whether more follow. */
export interface SearchPage {
  rows: SearchRow[];
  more: boolean;
}

const pageOf = (rows: SearchRow[], f: SearchFilter): SearchPage => ({
  rows: rows.slice(0, f.limit),
  more: rows.length > f.limit,
});

/**
 * Matches scored per try: the newest 5,000 first, then 50,000, 500,000, then all. A word found in most
 * documents costs a window's work; a page the window cannot fill (a narrow scope or filter) widens it.
 */
const WINDOWS = [5_000, 50_000, 500_000, null];

export function createSearchStore(dialect: Dialect, { windows = WINDOWS } = {}) {
  /** The best page of one kind's matches in scope, filtered. */
  async function text(q: Queryable, scope: Scope, kind: TextKind, query: string, f: SearchFilter) {
    for (const window of windows) {
      // `pool` counts the window's matches: fewer than the window means every match was scored.
      const { rows } = await sql<SearchRow & { pool: number }>`
        WITH m AS MATERIALIZED ${rankedMatches(dialect, kind, query, window)}
        SELECT pool.n AS pool, p.* FROM (SELECT count(*) AS n FROM m) pool
        LEFT JOIN (${filtered(source(kind, sql`m`, scope, dialect), f)}) p ON 1 = 1
        ORDER BY p.score DESC, p.at DESC, p.id`.execute(q);
      const hits = rows.filter((r) => r.id !== null);
      if (window === null || hits.length > f.limit || Number(rows[0]?.pool) < window) return pageOf(hits, f);
    }
    throw new Error('the last search window must be null (score every match)');
  }

  async function observable(q: Queryable, scope: Scope, o: ExtractedObservable, f: SearchFilter) {
    const { rows } = await filtered(observableSource(o, scope), f).execute(q);
    return pageOf(rows, f);
  }

  return { text, observable };
}

export type SearchStore = ReturnType<typeof createSearchStore>;
