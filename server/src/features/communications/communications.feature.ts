import type { ZodApp } from '../../platform/http/app.ts';
import type { Runtime } from '../../platform/runtime.ts';
import type { ConstituencyService } from '../constituencies/index.ts';
import type { IncidentChanges, IncidentStore } from '../incidents/index.ts';
import type { ReportService } from '../reports/index.ts';
import { createComposeFeature } from './communication-compose.feature.ts';
import { communicationRoutes } from './communication.routes.ts';
import { createCommunicationService } from './communication.service.ts';
import { createCommunicationStore } from './communication.store.ts';

export interface CommunicationsFeatureDeps {
  runtime: Runtime;
  incidents: IncidentStore;
  changes: IncidentChanges;
  reports: ReportService;
  constituencies: ConstituencyService;
}

/** The message threads of incidents and reports, and the outbound side (templates, compose, send job). */
export function createCommunicationsFeature(deps: CommunicationsFeatureDeps) {
  const { runtime, incidents, changes, reports } = deps;
  const { handle, audit, events, search, blobs, now } = runtime;
  const store = createCommunicationStore(search);
  const communications = createCommunicationService({
    handle,
    audit,
    events,
    store,
    incidents,
    changes,
    reports,
    blobs,
    now,
  });
  const compose = createComposeFeature({ ...deps, communications, store });
  return {
    communications,
    store,
    compose: compose.compose,
    jobHandlers: compose.jobHandlers,
    routes(app: ZodApp) {
      communicationRoutes(app, communications);
      compose.routes(app);
    },
  };
}
