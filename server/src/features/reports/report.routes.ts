import { z } from 'zod';
import { IdParam } from '#contracts/common.ts';
import {
  DiscardReport,
  NewReport,
  Report,
  ReportBatch,
  ReportBatchResult,
  ReportQuery,
  Sightings,
  SightingsQuery,
  ReportSummary,
} from '#contracts/reports.ts';
import { actorOf } from '../../platform/http/auth.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import type { ReportService } from './report.service.ts';

const tags = ['reports'];

export function reportRoutes(app: ZodApp, reports: ReportService): void {
  app.post(
    '/api/v1/reports',
    {
      bodyLimit: 8 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Register a report (handler); a known (source, sourceRef) answers 200 and counts a repeat',
        body: NewReport,
        response: { 200: Report, 201: Report },
      },
    },
    async (request, reply) => {
      const { report, repeated } = await reports.register(actorOf(request), request.body);
      return reply.status(repeated ? 200 : 201).send(report);
    },
  );

  app.post(
    '/api/v1/reports/batch',
    {
      bodyLimit: 32 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Register up to 1,000 reports in one transaction (all or none)',
        body: ReportBatch,
        response: { 200: ReportBatchResult },
      },
    },
    (request) => reports.registerBatch(actorOf(request), request.body),
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

  app.get(
    '/api/v1/observables/sightings',
    {
      schema: {
        tags: ['observables'],
        summary: 'How often, when and where an observable was seen, over the reports in your scope',
        querystring: SightingsQuery,
        response: { 200: Sightings },
      },
    },
    (request) => reports.sightings(actorOf(request), request.query),
  );
}
