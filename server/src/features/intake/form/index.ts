export { reportFormRoutes, type ReportFormOptions } from './report-form.routes.ts';
export { createReportFormService, type ReportFormService } from './report-form.service.ts';
