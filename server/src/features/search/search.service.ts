import type { ExtractedObservable } from '#contracts/observables.ts';
import {
  SEARCH_KINDS,
  type SearchHit,
  type SearchKind,
  type SearchQuery,
  type SearchResponse,
} from '#contracts/search.ts';
import type { Phase } from '#contracts/incidents.ts';
import type { Tlp } from '#contracts/identity.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { DatabaseHandle } from '../../platform/db/database.ts';
import { extractObservables } from '../observables/index.ts';
import { looksLikeOneToken, queryTerms, snippetOf } from './search.rules.ts';
import type { SearchFilter, SearchStore, TextKind } from './search.store.ts';

export interface SearchServiceDeps {
  handle: DatabaseHandle;
  store: SearchStore;
}

/** A bare date as `to` means the whole of that day. */
const upper = (to: string) => (to.length === 10 ? `${to}T23:59:59.999Z` : new Date(to).toISOString());
const lower = (from: string) => (from.length === 10 ? `${from}T00:00:00.000Z` : new Date(from).toISOString());

/** The query read as one observable ("where have we seen 203.0.113.5"), by the observables' own rules. */
function observableOf(q: string): ExtractedObservable | null {
  if (!looksLikeOneToken(q)) return null;
  return extractObservables(q.trim())[0] ?? null;
}

/**
 * The unified search across incidents (archived ones included), reports, notes, communications, tasks
 * and observables. Every kind is read through the actor's scope in SQL, so nothing outside their
 * constituencies or above their TLP ceiling is even ranked.
 */
export function createSearchService({ handle, store }: SearchServiceDeps) {
  async function search(actor: Actor, query: SearchQuery): Promise<SearchResponse> {
    const kinds = new Set<SearchKind>(query.kinds?.length ? query.kinds : SEARCH_KINDS);
    const filter: SearchFilter = {
      from: query.from && lower(query.from),
      to: query.to && upper(query.to),
      classification: query.classification,
      constituency: query.constituency,
      tlp: query.tlp,
      phase: query.phase,
      handler: query.handler,
      limit: query.limit,
      offset: query.offset,
    };
    const terms = queryTerms(query.q);
    const observable = observableOf(query.q);
    const textKinds = terms.length ? [...kinds].filter((k): k is TextKind => k !== 'observable') : [];
    const pages = await Promise.all([
      ...textKinds.map((kind) => store.text(handle.db, actor.scope, kind, query.q, filter)),
      observable && kinds.has('observable')
        ? store.observable(handle.db, actor.scope, observable, filter)
        : null,
    ]);
    const more = [...textKinds, 'observable' as const].filter((_, i) => pages[i]?.more);
    const items = pages
      .flatMap((p) => p?.rows ?? [])
      .map((r): SearchHit => {
        const { snippet, highlights } = snippetOf(r.body || r.title, terms);
        return {
          kind: r.kind,
          id: r.id,
          incidentKey: r.incident_key,
          reportId: r.report_id,
          title: r.title,
          snippet,
          highlights,
          score: Number(r.score),
          at: new Date(r.at).toISOString(),
          tlp: r.tlp as Tlp,
          phase: (r.phase as Phase | null) ?? null,
        };
      });
    items.sort((a, b) => b.score - a.score || b.at.localeCompare(a.at));
    return { observable, items, more };
  }

  return { search };
}

export type SearchService = ReturnType<typeof createSearchService>;
