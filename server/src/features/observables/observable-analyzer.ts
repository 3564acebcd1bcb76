import type { ExtractedObservable, ObservableType, Verdict } from '#contracts/observables.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Queryable } from '../../platform/db/database.ts';
import type { ConstituencyService } from '../constituencies/index.ts';
import { sightingsSummary } from './incident-observable.rules.ts';
import type { IncidentObservableStore } from './incident-observable.store.ts';
import { blocklistProbe } from './observable-blocklist.rules.ts';
import type { BlocklistStore } from './observable-blocklist.store.ts';

/** What an analyzer is given besides the observable: who asks, about which incident, and when. */
export interface AnalyzerContext {
  db: Queryable;
  actor: Actor;
  incident: { id: string; key: string };
  now: Date;
}

/** One analyzer's answer: a verdict, a line for people, and typed details for the UI and the API. */
export interface AnalyzerResult<D extends Record<string, unknown> = Record<string, unknown>> {
  verdict: Verdict;
  summary: string;
  details: D;
}

/**
 * Enriches observables. Built-ins answer from local data only; an analyzer that calls out (a
 * reputation service) would do so through platform/outbound and say so in its name.
 */
export interface ObservableAnalyzer {
  name: string;
  types: readonly ObservableType[];
  /** How long a result may be served from the cache. */
  ttlSeconds: number;
  analyze(observable: ExtractedObservable, ctx: AnalyzerContext): Promise<AnalyzerResult>;
}

const NETWORK_TYPES = ['ipv4', 'ipv6', 'cidr', 'domain', 'url', 'email', 'asn'] as const;
const ALL_TYPES = [
  'ipv4',
  'ipv6',
  'cidr',
  'domain',
  'url',
  'email',
  'md5',
  'sha1',
  'sha256',
  'cve',
  'asn',
] as const satisfies readonly ObservableType[];

/** Which constituency owns an address, host or ASN; a constituency outside the reader's scope is not named. */
export function constituencyAnalyzer(
  constituencies: Pick<ConstituencyService, 'matchObservables' | 'summaryIn'>,
): ObservableAnalyzer {
  return {
    name: 'constituency',
    types: NETWORK_TYPES,
    ttlSeconds: 3600,
    async analyze(observable, ctx) {
      const match = await constituencies.matchObservables([observable]);
      const owner = match && (await constituencies.summaryIn(ctx.db, ctx.actor, match.constituencyId));
      if (!match || !owner)
        return {
          verdict: 'unknown',
          summary: 'In no constituency you may see',
          details: { constituency: null },
        };
      return {
        verdict: 'info',
        summary: `Belongs to ${owner.name} (${match.asset.kind} ${match.asset.value})`,
        details: { constituency: owner, matchedBy: match.asset },
      };
    },
  };
}

/** Other incidents and reports holding the observable, as far as the reader may see them. */
export function correlationAnalyzer(store: Pick<IncidentObservableStore, 'sightings'>): ObservableAnalyzer {
  return {
    name: 'correlation',
    types: ALL_TYPES,
    ttlSeconds: 600,
    async analyze(observable, ctx) {
      const found = await store.sightings(ctx.db, ctx.actor.scope, ctx.incident.id, [observable]);
      const seen = [...found.values()][0];
      const incidentKeys = [...(seen?.incidentKeys ?? [])].sort();
      const reportIds = [...(seen?.reportIds ?? [])].sort();
      return {
        verdict: incidentKeys.length || reportIds.length ? 'suspicious' : 'unknown',
        summary: sightingsSummary(incidentKeys, reportIds.length),
        details: { incidentKeys, reportIds },
      };
    },
  };
}

/** Membership of the admin's local blocklists; a netblock listed covers every address in it. */
export function blocklistAnalyzer(store: Pick<BlocklistStore, 'lookup' | 'count'>): ObservableAnalyzer {
  return {
    name: 'blocklist',
    types: ALL_TYPES,
    ttlSeconds: 3600,
    async analyze(observable, ctx) {
      const hits = await store.lookup(ctx.db, blocklistProbe(observable));
      if (!hits.length) {
        const lists = await store.count(ctx.db);
        return {
          verdict: 'unknown',
          summary: `On none of ${lists} local blocklist${lists === 1 ? '' : 's'}`,
          details: { hits: [] },
        };
      }
      const names = [...new Set(hits.map((h) => h.list))];
      const first = hits[0]!.entry.value;
      return {
        verdict: 'malicious',
        summary: `Listed on ${names.join(', ')}${first === observable.value ? '' : ` (as ${first})`}`,
        details: { hits },
      };
    },
  };
}
