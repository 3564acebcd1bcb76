export { reportingRoutes } from './reporting.routes.ts';
export { createReportingService, type ReportingService } from './reporting.service.ts';
export { createReportingStore } from './reporting.store.ts';
