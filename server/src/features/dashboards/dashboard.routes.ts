import { DashboardCsvQuery, DashboardQuery, QualityDashboard } from '#contracts/dashboards.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import { actorOf } from '../../platform/http/auth.ts';
import { attachmentDisposition } from '../../platform/http/content-disposition.ts';
import type { DashboardService } from './dashboard.service.ts';

const tags = ['dashboards'];

export function dashboardRoutes(app: ZodApp, dashboards: DashboardService): void {
  app.get(
    '/api/v1/dashboards/quality',
    {
      schema: {
        tags,
        summary:
          'Quality figures within your scope: open incidents, SLA, times to triage/acknowledge/resolve, backlog, reopen rate, closures without lessons',
        querystring: DashboardQuery,
        response: { 200: QualityDashboard },
      },
    },
    (request) => dashboards.quality(actorOf(request), request.query),
  );

  app.get(
    '/api/v1/dashboards/quality.csv',
    {
      schema: {
        tags,
        summary: 'One quality figure as CSV (RFC 4180; text cells that a spreadsheet would run are defused)',
        querystring: DashboardCsvQuery,
      },
    },
    async (request, reply) => {
      const file = await dashboards.csv(actorOf(request), request.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', attachmentDisposition(file.filename))
        .header('cache-control', 'private, no-store')
        .send(file.body);
    },
  );
}
