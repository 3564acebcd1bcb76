export { reportRoutes } from './report.routes.ts';
export { reportBulkRoutes } from './report-bulk.routes.ts';
export { createReportBulkService, type ReportBulkService } from './report-bulk.service.ts';
export {
  createReportFeedService,
  type FeedItem,
  type FeedOutcome,
  type Fingerprint,
  type ReportFeedService,
} from './report-feed.service.ts';
export { createReportService, REPORT_CHANGED, type ReportService } from './report.service.ts';
export { createReportStore } from './report.store.ts';
export {
  createReportFileService,
  type ReportDownload,
  type ReportFiles,
  type ReportFileService,
} from './report-files.service.ts';
export { reportFileRoutes } from './report-files.routes.ts';
export { cleanFilename } from './report-files.rules.ts';
export { formatPublicRef } from './report-ref.rules.ts';
