import type { AuditLog } from '../../platform/audit/audit-log.ts';
import type { DatabaseHandle } from '../../platform/db/database.ts';
import type { EventBus } from '../../platform/events/index.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import type { ConstituencyService } from '../constituencies/index.ts';
import type { IncidentChanges, IncidentStore } from '../incidents/index.ts';
import { blocklistRoutes, incidentObservableRoutes } from './incident-observable.routes.ts';
import { createIncidentObservableService } from './incident-observable.service.ts';
import { createIncidentObservableStore } from './incident-observable.store.ts';
import { blocklistAnalyzer, constituencyAnalyzer, correlationAnalyzer } from './observable-analyzer.ts';
import { createBlocklistService } from './observable-blocklist.service.ts';
import { createBlocklistStore } from './observable-blocklist.store.ts';
import { createEnrichmentService } from './observable-enrichment.service.ts';

export interface ObservablesFeatureDeps {
  handle: DatabaseHandle;
  audit: AuditLog;
  events: EventBus;
  incidents: Pick<IncidentStore, 'get'>;
  changes: Pick<IncidentChanges, 'recorder'>;
  constituencies: Pick<ConstituencyService, 'matchObservables' | 'summaryIn'>;
  now: () => Date;
}

/** Incident observables, their enrichment through the built-in analyzers, and the admin's blocklists. */
export function createObservablesFeature(deps: ObservablesFeatureDeps) {
  const { handle, audit, events, incidents, changes, constituencies, now } = deps;
  const store = createIncidentObservableStore();
  const blocklistStore = createBlocklistStore();
  const observables = createIncidentObservableService({
    handle,
    events,
    store,
    incidents,
    changes,
    now,
  });
  const enrichment = createEnrichmentService({
    handle,
    audit,
    events,
    store,
    observables,
    analyzers: [
      constituencyAnalyzer(constituencies),
      correlationAnalyzer(store),
      blocklistAnalyzer(blocklistStore),
    ],
    now,
  });
  const blocklists = createBlocklistService({ handle, audit, store: blocklistStore, now });
  return {
    observables,
    enrichment,
    blocklists,
    routes(app: ZodApp) {
      incidentObservableRoutes(app, observables, enrichment);
      blocklistRoutes(app, blocklists);
    },
  };
}
