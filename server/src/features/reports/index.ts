export { reportRoutes } from './report.routes.ts';
export {
  createReportFeedService,
  type FeedItem,
  type FeedOutcome,
  type Fingerprint,
  type ReportFeedService,
} from './report-feed.service.ts';
export { createReportService, type ReportService } from './report.service.ts';
export { createReportStore } from './report.store.ts';
