export { incidentRoutes } from './incident.routes.ts';
export { createIncidentService, type IncidentService } from './incident.service.ts';
export { createIncidentStore } from './incident.store.ts';
