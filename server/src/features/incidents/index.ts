export { createAssignmentService, type AssignmentService } from './incident-assignment.service.ts';
export { createAssignmentStore } from './incident-assignment.store.ts';
export { createIncidentChanges, INCIDENT_CHANGED, type IncidentChanges } from './incident-changes.ts';
export { incidentLinkRoutes } from './incident-links.routes.ts';
export { createIncidentLinksService, type IncidentLinksService } from './incident-links.service.ts';
export { createIncidentLinksStore, type IncidentLinksStore } from './incident-links.store.ts';
export { triageRoutes } from './incident-triage.routes.ts';
export { createVerificationService } from './incident-verification.service.ts';
export { incidentRoutes } from './incident.routes.ts';
export { createIncidentService, type IncidentService } from './incident.service.ts';
export { createIncidentStore, type IncidentStore } from './incident.store.ts';
export { refreshIncidentFacts } from './incident-facts.store.ts';
export { OPEN_PHASES } from './incident.rules.ts';
export {
  ARCHIVED_PHASES,
  incidentDestroyed,
  isArchived,
  requireNotArchived,
  requireNotDestroyed,
} from './incident-archive.ts';
export { closureRoutes } from './incident-closure.routes.ts';
export { createClosureService, openItemsCheck, type ClosureService } from './incident-closure.service.ts';
export { createClosureStore } from './incident-closure.store.ts';
export { createIncidentsFeature } from './incidents.feature.ts';
