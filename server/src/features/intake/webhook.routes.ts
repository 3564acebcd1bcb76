import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { TelemetryResult } from '#contracts/telemetry.ts';
import {
  SavedWebhookSource,
  WebhookSource,
  WebhookSourceParams,
  WebhookSourceUpdate,
} from '#contracts/webhooks.ts';
import { actorOf } from '../../platform/http/auth.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import { MAX_TELEMETRY_BODY_BYTES } from './telemetry.routes.ts';
import type { WebhookSourceService } from './webhook-source.service.ts';
import type { StoredWebhookSource } from './webhook-source.store.ts';
import type { WebhookService } from './webhook.service.ts';

const tags = ['intake'];

/** What senders label JSON, JSON lines and log lines with. */
const CONTENT_TYPES = [
  'application/json',
  'application/x-ndjson',
  'application/jsonl',
  'application/jsonlines',
  'text/plain',
];

export function webhookSourceRoutes(app: ZodApp, sources: WebhookSourceService): void {
  app.get(
    '/api/v1/intake/webhooks',
    {
      schema: {
        tags,
        summary: 'Generic webhook sources: field mapping and how posts are authenticated (admin)',
        response: { 200: z.object({ items: z.array(WebhookSource) }) },
      },
    },
    async (request) => ({ items: await sources.list(actorOf(request)) }),
  );

  app.put(
    '/api/v1/intake/webhooks/:source',
    {
      schema: {
        tags,
        summary: 'Create or replace a webhook source (admin); a new token or secret is shown this once',
        params: WebhookSourceParams,
        body: WebhookSourceUpdate,
        response: { 200: SavedWebhookSource },
      },
    },
    (request) => sources.save(actorOf(request), request.params.source, request.body),
  );

  app.delete(
    '/api/v1/intake/webhooks/:source',
    {
      schema: {
        tags,
        summary: 'Delete a webhook source (admin); its reports stay',
        params: WebhookSourceParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await sources.remove(actorOf(request), request.params.source);
      return reply.code(204).send(null);
    },
  );
}

/**
 * The webhook itself, in its own scope: no session or API token, but the source's own token or an
 * HMAC signature over the exact bytes received, so the raw body is kept as a Buffer.
 */
export function webhookIntakeRoutes(app: ZodApp, webhooks: WebhookService): void {
  const admitted = new WeakMap<FastifyRequest, StoredWebhookSource>();
  const rawBodies = new WeakMap<FastifyRequest, Buffer>();
  void app.register((scope, _options, done) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(CONTENT_TYPES, { parseAs: 'buffer' }, (request, body, next) => {
      rawBodies.set(request, body as Buffer);
      next(null, (body as Buffer).toString('utf8'));
    });
    const typed = scope.withTypeProvider<ZodTypeProvider>();
    typed.post(
      '/api/v1/intake/webhooks/:source',
      {
        bodyLimit: MAX_TELEMETRY_BODY_BYTES,
        // Machine-to-machine: a browser's session cookie carries nothing here, so no CSRF token either.
        config: { csrf: false },
        // Before the body is read: unknown sources and wrong tokens do not get to upload 16 MiB.
        onRequest: async (request) => {
          const { source } = request.params;
          admitted.set(request, await webhooks.admit(source, request.headers));
        },
        schema: {
          tags,
          summary: 'A generic webhook: events become reports through the source’s field mapping',
          description:
            'One JSON object, a JSON array of objects, or JSON lines; for a source set to `syslog`, log ' +
            'lines (syslog, CEF, LEEF, key=value), one event each. Authenticated by the source’s token ' +
            '(`Authorization: Bearer …` or `X-Firebreak-Webhook-Token`) or by an HMAC-SHA256 of the body ' +
            'in the source’s signature header; an unknown source and a bad credential both answer 401.',
          security: [],
          consumes: CONTENT_TYPES,
          params: WebhookSourceParams,
          body: z.string().describe('JSON lines, a JSON array of events, one event, or log lines'),
          response: { 200: TelemetryResult },
        },
      },
      (request) =>
        webhooks.ingest(
          admitted.get(request)!,
          request.headers,
          rawBodies.get(request) ?? Buffer.from(request.body),
          request.body,
        ),
    );
    done();
  });
}
