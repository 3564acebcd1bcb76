import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { TelemetryResult, TelemetrySource } from '#contracts/telemetry.ts';
import { actorOf, requireSignedIn } from '../../platform/http/auth.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import { acceptTextBodies } from '../../platform/http/raw-body.ts';
import type { TelemetryService } from './telemetry.service.ts';

const tags = ['intake'];

/** Largest telemetry submission: room for the 5,000 events a submission may hold, at up to ~3 KiB each. */
export const MAX_TELEMETRY_BODY_BYTES = 16 * 1024 * 1024;

/** What senders label JSON lines with, besides application/json: shippers differ. */
const CONTENT_TYPES = [
  'application/json',
  'application/x-ndjson',
  'application/jsonl',
  'application/jsonlines',
  'text/plain',
];

const formats: Record<TelemetrySource, { summary: string; description: string }> = {
  suricata: {
    summary: 'Suricata EVE JSON: alerts become reports, other records are counted and ignored (handler)',
    description:
      'One EVE record per line (eve.json as written), a JSON array, or one object. Severity 1 → high, ' +
      '2 → medium, 3 and above → low. Repeats are grouped by the `suricata` fingerprint rule.',
  },
  wazuh: {
    summary: 'Wazuh alerts: each becomes a report (handler)',
    description:
      'One alert per line (alerts.json as written), a JSON array, or one object. rule.level 0–3 → low, ' +
      '4–7 → medium, 8–11 → high, 12–15 → critical. Repeats are grouped by the `wazuh` fingerprint rule.',
  },
};

/**
 * Telemetry intake, in its own scope: bodies reach the service as received (JSON lines are no JSON
 * document), and only signed-in callers' bodies are read at all.
 */
export function telemetryRoutes(app: ZodApp, telemetry: TelemetryService): void {
  void app.register((scope, _options, done) => {
    scope.addHook('onRequest', requireSignedIn);
    acceptTextBodies(scope, CONTENT_TYPES);
    const typed = scope.withTypeProvider<ZodTypeProvider>();
    for (const source of TelemetrySource.options) {
      typed.post(
        `/api/v1/intake/${source}`,
        {
          bodyLimit: MAX_TELEMETRY_BODY_BYTES,
          schema: {
            tags,
            ...formats[source],
            consumes: CONTENT_TYPES,
            body: z.string().describe('JSON lines, a JSON array of events, or one event'),
            response: { 200: TelemetryResult },
          },
        },
        (request) => telemetry.ingest(actorOf(request), source, request.body),
      );
    }
    done();
  });
}
