import { z } from 'zod';
import { KeyParam } from '#contracts/incidents.ts';
import {
  ActivityQuery,
  ActivityReport,
  IncidentReportKind,
  ReportTemplate,
  ReportTemplateParams,
  ReportTemplateUpdate,
} from '#contracts/reporting.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import { actorOf } from '../../platform/http/auth.ts';
import { downloadHeaders } from '../../platform/http/content-disposition.ts';
import { REPORT_CSP, renderHtml } from './report-html.ts';
import { renderPdf } from './report-pdf.ts';
import type { ReportingService } from './reporting.service.ts';

const tags = ['reporting'];

/** A self-contained page that runs nothing and loads nothing; never cached (it carries TLP-marked data). */
const htmlHeaders = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': REPORT_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'private, no-store',
};

export function reportingRoutes(app: ZodApp, reporting: ReportingService, now: () => Date): void {
  for (const kind of IncidentReportKind.options) {
    app.get(
      `/api/v1/incidents/:key/reports/${kind}.html`,
      {
        schema: {
          tags,
          summary: `The ${kind} report of the incident as a self-contained HTML page`,
          params: KeyParam,
        },
      },
      async (request, reply) => {
        const doc = await reporting.incidentReport(actorOf(request), request.params.key, kind, 'html');
        return reply.headers(htmlHeaders).send(renderHtml(doc));
      },
    );
    app.get(
      `/api/v1/incidents/:key/reports/${kind}.pdf`,
      {
        schema: {
          tags,
          summary: `The ${kind} report of the incident as a PDF, TLP-marked on every page`,
          params: KeyParam,
        },
      },
      async (request, reply) => {
        const { key } = request.params;
        const doc = await reporting.incidentReport(actorOf(request), key, kind, 'pdf');
        return reply
          .headers(downloadHeaders(`${key}-${kind}.pdf`, 'application/pdf'))
          .send(await renderPdf(doc, now()));
      },
    );
  }

  app.get(
    '/api/v1/reporting/activity',
    {
      schema: {
        tags,
        summary: 'Activity over a period (incidents opened, by class and priority, SLA, median times)',
        querystring: ActivityQuery,
        response: { 200: ActivityReport },
      },
    },
    async (request) => (await reporting.activity(actorOf(request), request.query, 'json')).report,
  );

  app.get(
    '/api/v1/reporting/activity.html',
    { schema: { tags, summary: 'The activity report as an HTML page', querystring: ActivityQuery } },
    async (request, reply) => {
      const { document } = await reporting.activity(actorOf(request), request.query, 'html');
      return reply.headers(htmlHeaders).send(renderHtml(document));
    },
  );

  app.get(
    '/api/v1/reporting/activity.pdf',
    { schema: { tags, summary: 'The activity report as a PDF', querystring: ActivityQuery } },
    async (request, reply) => {
      const { from, to } = request.query;
      const { document } = await reporting.activity(actorOf(request), request.query, 'pdf');
      return reply
        .headers(downloadHeaders(`activity-${from}-${to}.pdf`, 'application/pdf'))
        .send(await renderPdf(document, now()));
    },
  );

  app.get(
    '/api/v1/reporting/templates',
    {
      schema: {
        tags,
        summary: 'The report templates (admins)',
        response: { 200: z.object({ items: z.array(ReportTemplate) }) },
      },
    },
    async (request) => ({ items: await reporting.listTemplates(actorOf(request)) }),
  );

  app.put(
    '/api/v1/reporting/templates/:kind',
    {
      schema: {
        tags,
        summary:
          'Replace a report template at the version you loaded (admins); unknown variables are refused',
        params: ReportTemplateParams,
        body: ReportTemplateUpdate,
        response: { 200: ReportTemplate },
      },
    },
    async (request) => reporting.updateTemplate(actorOf(request), request.params.kind, request.body),
  );
}
