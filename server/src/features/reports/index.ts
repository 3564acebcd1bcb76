export { reportRoutes } from './report.routes.ts';
export { createReportService, type ReportService } from './report.service.ts';
export { createReportStore } from './report.store.ts';
