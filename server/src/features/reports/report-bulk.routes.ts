import { ReportBulkAction, ReportBulkResult } from '#contracts/report-bulk.ts';
import { actorOf } from '../../platform/http/auth.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import type { ReportBulkService } from './report-bulk.service.ts';

export function reportBulkRoutes(app: ZodApp, bulk: ReportBulkService): void {
  app.post(
    '/api/v1/reports/bulk',
    {
      schema: {
        tags: ['reports'],
        summary:
          'Link up to 500 new reports to an incident, open one incident from them, or discard them with a reason (handler); all or none',
        body: ReportBulkAction,
        response: { 200: ReportBulkResult },
      },
    },
    (request) => bulk.apply(actorOf(request), request.body),
  );
}
