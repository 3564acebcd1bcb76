import type { ZodApp } from '../../platform/http/app.ts';
import type { Runtime } from '../../platform/runtime.ts';
import type { IncidentStore } from '../incidents/index.ts';
import { reportingRoutes } from './reporting.routes.ts';
import { createReportingService } from './reporting.service.ts';
import { createReportingStore } from './reporting.store.ts';

/** Incident and activity reports (HTML/PDF) from editable templates. */
export function createReportingFeature(runtime: Runtime, incidents: Pick<IncidentStore, 'get' | 'timeline'>) {
  const { handle, audit, config, now } = runtime;
  const service = createReportingService({
    handle,
    audit,
    incidents,
    store: createReportingStore(),
    team: config.acknowledgement.team,
    now,
  });
  return { service, routes: (app: ZodApp) => reportingRoutes(app, service, now) };
}
