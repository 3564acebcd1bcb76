import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { TheHiveAlertOut, TheHiveAlertV0, TheHiveAlertV1 } from '#contracts/thehive-alerts.ts';
import { actorOf, requireSignedIn } from '../../platform/http/auth.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import { keepRawJsonBody, rawBodyOf } from '../../platform/http/raw-body.ts';
import { acceptMultipartAlerts, alertFilesOf, MAX_ALERT_JSON_BYTES } from './thehive-alert.multipart.ts';
import type { AlertVersion } from './thehive-artifact.rules.ts';
import type { TheHiveAlertService } from './thehive-alert.service.ts';

const tags = ['intake'];
const description =
  'TheHive-compatible: JSON, or multipart/form-data with the alert in a `_json` part and files in the parts ' +
  'its observables name in `attachment`. A known (type, source, sourceRef) answers 400 ' +
  '`{"type":"CreateError"}` as TheHive does, and the report counts the repetition.';

/**
 * TheHive's alert API, so the tools integrated with TheHive send to Firebreak unchanged. In their own
 * scope: the raw JSON body and multipart parsing are for these routes only.
 */
export function theHiveAlertRoutes(app: ZodApp, alerts: TheHiveAlertService): void {
  void app.register(async (scope) => {
    // Multipart files are hashed while they stream in: only for callers who may send alerts.
    scope.addHook('onRequest', requireSignedIn);
    keepRawJsonBody(scope);
    await acceptMultipartAlerts(scope);
    const typed = scope.withTypeProvider<ZodTypeProvider>();
    const answer =
      (version: AlertVersion) =>
      async (request: FastifyRequest<{ Body: TheHiveAlertV0 | TheHiveAlertV1 }>, reply: FastifyReply) => {
        const outcome = await alerts.create(actorOf(request), version, request.body, {
          raw: rawBodyOf(request) ?? JSON.stringify(request.body),
          files: alertFilesOf(request),
        });
        return 'duplicate' in outcome
          ? reply.status(400).send(outcome.duplicate)
          : reply.status(201).send(outcome.created);
      };

    typed.post(
      '/api/alert',
      {
        bodyLimit: MAX_ALERT_JSON_BYTES,
        schema: {
          tags,
          summary: 'Create an alert, TheHive 3/4 (v0) body with artifacts; it becomes a report (handler)',
          description,
          body: TheHiveAlertV0,
          response: { 201: TheHiveAlertOut },
        },
      },
      answer('v0'),
    );
    typed.post(
      '/api/v1/alert',
      {
        bodyLimit: MAX_ALERT_JSON_BYTES,
        schema: {
          tags,
          summary: 'Create an alert, TheHive 5 body with observables; it becomes a report (handler)',
          description,
          body: TheHiveAlertV1,
          response: { 201: TheHiveAlertOut },
        },
      },
      answer('v1'),
    );
  });
}
