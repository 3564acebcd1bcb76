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

/** What senders label JSON lines and Zeek's TSV logs with, besides application/json: shippers differ. */
const CONTENT_TYPES = [
  'application/json',
  'application/x-ndjson',
  'application/jsonl',
  'application/jsonlines',
  'text/plain',
  'text/tab-separated-values',
];

const JSON_BODY = 'JSON lines, a JSON array of events, or one event';

const formats: Record<TelemetrySource, { summary: string; description: string; body: string }> = {
  suricata: {
    summary: 'Suricata EVE JSON: alerts become reports, other records are counted and ignored (handler)',
    description:
      'One EVE record per line (eve.json as written), a JSON array, or one object. Severity 1 → high, ' +
      '2 → medium, 3 and above → low. Repeats are grouped by the `suricata` fingerprint rule.',
    body: JSON_BODY,
  },
  wazuh: {
    summary: 'Wazuh alerts: each becomes a report (handler)',
    description:
      'One alert per line (alerts.json as written), a JSON array, or one object; also the messages of ' +
      "Wazuh's Shuffle and PagerDuty integrations and of active response, which carry the alert whole. " +
      'rule.level 0–3 → low, 4–7 → medium, 8–11 → high, 12–15 → critical. Repeats are grouped by the ' +
      '`wazuh` fingerprint rule.',
    body: JSON_BODY,
  },
  zeek: {
    summary:
      'Zeek logs: notices and intel matches become reports, other records are counted and ignored (handler)',
    description:
      'Logs as the ASCII writer writes them (TSV with their #fields headers, several logs one after another) ' +
      'or as JSON lines (LogAscii::use_json=T). notice.log records and intel.log matches become reports, ' +
      'medium (high for notices the site alarms, mails, pages or drops on). Repeats are grouped by the ' +
      '`zeek` fingerprint rule.',
    body: 'Zeek TSV logs with their headers, or JSON lines',
  },
};

/**
 * Telemetry intake, in its own scope: bodies reach the service as received (JSON lines and Zeek's TSV
 * are no JSON document), and only signed-in callers' bodies are read at all.
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
            summary: formats[source].summary,
            description: formats[source].description,
            consumes: CONTENT_TYPES,
            body: z.string().describe(formats[source].body),
            response: { 200: TelemetryResult },
          },
        },
        (request) => telemetry.ingest(actorOf(request), source, request.body),
      );
    }
    done();
  });
}
