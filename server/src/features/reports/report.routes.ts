import { z } from 'zod';
import { IdParam } from '#contracts/common.ts';
import { DiscardReport, NewReport, Report, ReportQuery, ReportSummary } from '#contracts/reports.ts';
import { actorOf } from '../../platform/http/auth.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import type { ReportService } from './report.service.ts';

const tags = ['reports'];

export function reportRoutes(app: ZodApp, reports: ReportService): void {
  app.post(
    '/api/v1/reports',
    {
      bodyLimit: 8 * 1024 * 1024,
      schema: { tags, summary: 'Register a report (handler)', body: NewReport, response: { 201: Report } },
    },
    async (request, reply) => reply.status(201).send(await reports.register(actorOf(request), request.body)),
  );

  app.get(
    '/api/v1/reports',
    {
      schema: {
        tags,
        summary: 'Reports in your scope, newest first',
        querystring: ReportQuery,
        response: { 200: z.object({ items: z.array(ReportSummary) }) },
      },
    },
    async (request) => ({ items: await reports.list(actorOf(request), request.query) }),
  );

  app.get(
    '/api/v1/reports/:id',
    {
      schema: {
        tags,
        summary: 'One report with its observables',
        params: IdParam,
        response: { 200: Report },
      },
    },
    (request) => reports.get(actorOf(request), request.params.id),
  );

  app.post(
    '/api/v1/reports/:id/discard',
    {
      schema: {
        tags,
        summary: 'Discard a new report with a reason (handler)',
        params: IdParam,
        body: DiscardReport,
        response: { 200: Report },
      },
    },
    (request) => reports.discard(actorOf(request), request.params.id, request.body),
  );
}
