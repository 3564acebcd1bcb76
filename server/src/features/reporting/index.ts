export { createReportingFeature } from './reporting.feature.ts';
export type { ReportingService } from './reporting.service.ts';
