import type { z } from 'zod';
import type { EnrichRequest, Enrichment, ExtractedObservable } from '#contracts/observables.ts';
import type { AuditLog } from '../../platform/audit/audit-log.ts';
import { requireRole, type Actor } from '../../platform/auth/actor.ts';
import type { DatabaseHandle } from '../../platform/db/database.ts';
import type { ObservableEnrichmentsTable } from '../../platform/db/schema.ts';
import type { EventBus } from '../../platform/events/index.ts';
import { transaction } from '../../platform/db/transaction.ts';
import { invalid, type FieldIssue } from '../../platform/http/domain-error.ts';
import { isFresh, scopeKey } from './incident-observable.rules.ts';
import {
  INCIDENT_OBSERVABLES_CHANGED,
  toEnrichment,
  type IncidentObservableService,
} from './incident-observable.service.ts';
import { pairKey, type IncidentObservableStore } from './incident-observable.store.ts';
import type { ObservableAnalyzer } from './observable-analyzer.ts';
import { normaliseObservable } from './observable-normalisation.rules.ts';

type Request = z.output<typeof EnrichRequest>;

export interface EnrichmentServiceDeps {
  handle: DatabaseHandle;
  audit: AuditLog;
  events: EventBus;
  store: IncidentObservableStore;
  observables: Pick<IncidentObservableService, 'load' | 'list'>;
  analyzers: ObservableAnalyzer[];
  now: () => Date;
}

export function createEnrichmentService(deps: EnrichmentServiceDeps) {
  const { handle, audit, events, store, observables, analyzers, now } = deps;

  /** The observables asked for, normalised; each must be one the actor sees on the incident. */
  function targets(request: Request, listed: ExtractedObservable[]): ExtractedObservable[] {
    if (!request.items) return listed;
    const known = new Set(listed.map(pairKey));
    const issues: FieldIssue[] = [];
    const out: ExtractedObservable[] = [];
    request.items.forEach((item, i) => {
      const value = normaliseObservable(item.type, item.value);
      if (!value) issues.push({ path: `body.items.${i}.value`, message: `is not a valid ${item.type}` });
      else if (!known.has(pairKey({ type: item.type, value })))
        issues.push({
          path: `body.items.${i}.value`,
          message: `${item.type} ${value} is not on this incident`,
        });
      else out.push({ type: item.type, value });
    });
    if (issues.length) throw invalid('observables_invalid', 'Some observables cannot be enriched', issues);
    return out;
  }

  /**
   * Runs every analyzer that handles each observable, serving fresh cached results unless `force`;
   * new results are cached for the actor's scope and the run is audited.
   */
  async function enrich(actor: Actor, key: string, request: Request) {
    requireRole(actor, 'handler');
    const listed = await observables.list(actor, key);
    const incident = await observables.load(handle.db, actor, key);
    const wanted = targets(request, listed);
    const scope = scopeKey(actor.scope);
    const at = now();
    const cache = new Map(
      (await store.enrichments(handle.db, incident.id, scope, wanted)).map((r) => [
        `${pairKey(r as ExtractedObservable)}\u0000${r.analyzer}`,
        r,
      ]),
    );
    const fresh: ObservableEnrichmentsTable[] = [];
    const items: { type: ExtractedObservable['type']; value: string; enrichments: Enrichment[] }[] = [];
    const ctx = { db: handle.db, actor, incident: { id: incident.id, key: incident.key }, now: at };
    for (const o of wanted) {
      const enrichments: Enrichment[] = [];
      for (const analyzer of analyzers.filter((a) => a.types.includes(o.type))) {
        const hit = cache.get(`${pairKey(o)}\u0000${analyzer.name}`);
        if (hit && !request.force && isFresh(hit.expires_at, at)) {
          enrichments.push(toEnrichment(hit, true));
          continue;
        }
        const result = await analyzer.analyze(o, ctx);
        const row: ObservableEnrichmentsTable = {
          incident_id: incident.id,
          type: o.type,
          value: o.value,
          analyzer: analyzer.name,
          scope_key: scope,
          verdict: result.verdict,
          summary: result.summary,
          details: JSON.stringify(result.details),
          analyzed_at: at.toISOString(),
          expires_at: new Date(at.getTime() + analyzer.ttlSeconds * 1000).toISOString(),
        };
        fresh.push(row);
        enrichments.push(toEnrichment(row, false));
      }
      items.push({ ...o, enrichments });
    }
    await transaction(handle.db, async (tx, onCommit) => {
      for (const row of fresh) await store.saveEnrichment(tx, row);
      await audit.record(tx, actor, {
        action: 'incident.observables_enriched',
        targetType: 'incident',
        targetId: incident.key,
        data: {
          observables: wanted.length,
          analyzed: fresh.length,
          cached: items.flatMap((i) => i.enrichments).filter((e) => e.cached).length,
        },
      });
      // Colleagues with the tab open see the new results (cached per scope, so only theirs if it matches).
      if (fresh.length)
        onCommit(() =>
          events.publish({
            type: INCIDENT_OBSERVABLES_CHANGED,
            data: { key: incident.key },
            audience: { constituencyId: incident.constituency?.id ?? null },
          }),
        );
    });
    return { items };
  }

  return { enrich };
}

export type EnrichmentService = ReturnType<typeof createEnrichmentService>;
