import type { ZodApp } from '../../platform/http/app.ts';
import type { Runtime } from '../../platform/runtime.ts';
import type { ConstituencyService } from '../constituencies/index.ts';
import type { ReportService } from '../reports/index.ts';
import type { SlaService } from '../sla/index.ts';
import type { TaxonomyService } from '../taxonomy/index.ts';
import { createAssignmentService } from './incident-assignment.service.ts';
import { createAssignmentStore } from './incident-assignment.store.ts';
import type { IncidentChanges } from './incident-changes.ts';
import { closureRoutes } from './incident-closure.routes.ts';
import { createClosureService, openItemsCheck, type ClosureServiceDeps } from './incident-closure.service.ts';
import { createClosureStore } from './incident-closure.store.ts';
import { incidentLinkRoutes } from './incident-links.routes.ts';
import { createIncidentLinksService } from './incident-links.service.ts';
import { createIncidentLinksStore } from './incident-links.store.ts';
import { triageRoutes } from './incident-triage.routes.ts';
import { createVerificationService } from './incident-verification.service.ts';
import { incidentRoutes } from './incident.routes.ts';
import { createIncidentService, type IncidentServiceDeps } from './incident.service.ts';
import type { IncidentStore } from './incident.store.ts';

export interface IncidentsFeatureDeps {
  runtime: Runtime;
  store: IncidentStore;
  changes: IncidentChanges;
  reports: ReportService;
  constituencies: ConstituencyService;
  taxonomy: TaxonomyService;
  sla: SlaService;
  onClassified: IncidentServiceDeps['onClassified'];
}

/** The incident lifecycle, triage (assignment, verification), further reports, relations and merges. */
export function createIncidentsFeature(deps: IncidentsFeatureDeps) {
  const { runtime, store, changes, reports, constituencies, taxonomy, sla, onClassified } = deps;
  const { handle, audit, config, now } = runtime;
  const assignment = createAssignmentService({
    handle,
    changes,
    incidents: store,
    store: createAssignmentStore(),
    now,
    // Someone taking charge is the first response the SLA clock waits for.
    onResponded: async (tx, incident, at) => void (await sla.markResponded(tx, incident.id, at)),
  });
  const closureStore = createClosureStore();
  const incidents = createIncidentService({
    handle,
    audit,
    changes,
    store,
    reports,
    constituencies,
    taxonomy,
    assignment,
    sla,
    priorityMatrix: config.priorityMatrix,
    onClassified,
    closureCheck: openItemsCheck(closureStore),
    now,
  });
  const verification = createVerificationService({ handle, changes, incidents: store, now });
  const links = createIncidentLinksService({
    handle,
    changes,
    incidents: store,
    store: createIncidentLinksStore(),
    reports,
    now,
  });

  /** The closure wizard, once compose exists: it sends the final information through it. */
  function createClosure({ compose, analysis }: Pick<ClosureServiceDeps, 'compose' | 'analysis'>) {
    const closure = createClosureService({
      handle,
      store: closureStore,
      incidents: store,
      lifecycle: incidents,
      compose,
      analysis,
      ownAddresses: config.mailFrom ? [config.mailFrom] : [],
    });
    return { service: closure, routes: (app: ZodApp) => closureRoutes(app, closure) };
  }

  function routes(app: ZodApp): void {
    incidentRoutes(app, incidents);
    triageRoutes(app, { assignment, verification });
    incidentLinkRoutes(app, links);
  }

  return { incidents, assignment, verification, links, createClosure, routes };
}
