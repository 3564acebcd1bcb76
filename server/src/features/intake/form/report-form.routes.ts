import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { PublicReportReceipt } from '#contracts/report-form.ts';
import type { ZodApp } from '../../../platform/http/app.ts';
import { DomainError } from '../../../platform/http/domain-error.ts';
import { sendProblem } from '../../../platform/http/problem.ts';
import { readReportForm, type FormLimits } from './report-form.multipart.ts';
import type { ReportFormService } from './report-form.service.ts';

export interface ReportFormOptions {
  enabled: boolean;
  limits: FormLimits;
  /** Submissions per client address and hour. */
  perHour: number;
  /** The address people use, when a proxy in front rewrites the Host header. */
  publicUrl?: string | undefined;
}

const description =
  'multipart/form-data with the fields name, email, organisation (optional), title, description and tlp ' +
  '(optional, default amber), and files in parts named `attachments`. No sign-in; the page must be this ' +
  'site (Origin), submissions are limited per address, and the answer is only a reference to quote.';

/** The public report form's API; when the form is off, it and the page `/report` do not exist (404). */
export function reportFormRoutes(app: ZodApp, form: ReportFormService, options: ReportFormOptions): void {
  if (!options.enabled) {
    // Otherwise the single-page app would answer /report with its shell.
    app.get('/report', { schema: { hide: true } }, (request, reply) =>
      sendProblem(request, reply, 404, 'route_not_found', 'No route GET /report'),
    );
    return;
  }
  void app.register(async (scope) => {
    await scope.register(multipart);
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/v1/public/reports',
      {
        schema: {
          tags: ['intake'],
          summary: 'Submit a report through the public form (no sign-in); answers its reference',
          description,
          security: [],
          response: { 201: PublicReportReceipt },
        },
        // Anonymous: the Origin check below stands in for the session's CSRF token. After the rate
        // limit (onRequest), before the body is read.
        preParsing: (request, _reply, payload, done) =>
          sameSite(request, options.publicUrl) ? done(null, payload) : done(crossSite()),
        config: {
          csrf: false,
          // Before the body is read: a flood costs no parsing and no storage.
          rateLimit: {
            max: options.perHour,
            timeWindow: '1 hour',
            keyGenerator: (request) => request.ip,
            errorResponseBuilder: (_request, context) =>
              new DomainError(
                'rate_limited',
                'too_many_reports',
                `Too many reports from your address; try again in ${context.after}`,
              ),
          },
        },
      },
      async (request, reply) => {
        const { reference, bot } = await form.submit(await readReportForm(request, options.limits));
        if (bot) request.log.info('report form: honeypot filled, submission dropped');
        return reply.status(201).send({ reference });
      },
    );
  });
}

/**
 * Browsers send Origin on every POST; a page elsewhere cannot make a visitor's browser submit here
 * (spam from many addresses, past the per-address limit). Fetch metadata refuses it too when sent.
 */
function sameSite(request: FastifyRequest, publicUrl: string | undefined): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') return false;
  const origin = request.headers.origin;
  if (!origin) return false;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false;
  }
  return host === request.headers.host || (publicUrl !== undefined && host === new URL(publicUrl).host);
}

const crossSite = () =>
  new DomainError('forbidden', 'cross_site_refused', 'Submit reports from the report form on this site');
