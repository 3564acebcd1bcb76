import type { IncomingHttpHeaders } from 'node:http';
import type { TelemetryResult } from '#contracts/telemetry.ts';
import { WebhookSourceName } from '#contracts/webhooks.ts';
import { systemActor } from '../../platform/auth/actor.ts';
import { hmacSha256Hex, safeEqual, sha256Hex } from '../../platform/crypto/secrets.ts';
import { unauthenticated } from '../../platform/http/domain-error.ts';
import type { WebhookSourceService } from './webhook-source.service.ts';
import type { StoredWebhookSource } from './webhook-source.store.ts';
import type { TelemetryService } from './telemetry.service.ts';
import { readLogLines } from './log-line.rules.ts';
import { webhookToReport } from './webhook.rules.ts';

/** Header a sender may carry its token in when it cannot set Authorization. */
export const WEBHOOK_TOKEN_HEADER = 'x-firebreak-webhook-token';

export interface WebhookServiceDeps {
  sources: Pick<WebhookSourceService, 'forSource'>;
  telemetry: Pick<TelemetryService, 'ingestEvents'>;
  now: () => Date;
}

/**
 * One answer for an unknown source, a missing credential and a wrong one, so that probing does not tell
 * which sources exist.
 */
const refused = () => unauthenticated('Send the webhook source’s token or a valid signature');

const headerText = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const v = headers[name];
  return typeof v === 'string' ? v.trim() : undefined;
};

function tokenOf(headers: IncomingHttpHeaders): string | undefined {
  const auth = headerText(headers, 'authorization');
  if (auth?.startsWith('Bearer ')) return auth.slice('Bearer '.length).trim();
  return headerText(headers, WEBHOOK_TOKEN_HEADER);
}

/** Posts to generic webhooks: checked against their source's credentials, then taken as telemetry. */
export function createWebhookService({ sources, telemetry, now }: WebhookServiceDeps) {
  /**
   * Checks what can be checked before the body is read: that the source exists and, for token sources,
   * the token; for signed sources, that a signature is there (it is verified over the body in `ingest`).
   */
  async function admit(name: string, headers: IncomingHttpHeaders): Promise<StoredWebhookSource> {
    const stored = WebhookSourceName.safeParse(name).success ? await sources.forSource(name) : undefined;
    if (!stored) throw refused();
    const { auth } = stored.source;
    if (auth.kind === 'token') {
      const token = tokenOf(headers);
      // Hashes compared in constant time: equal-length digests, so no length leaks either.
      if (!token || !stored.tokenHash || !safeEqual(sha256Hex(token), stored.tokenHash)) throw refused();
    } else if (!headerText(headers, auth.header)) throw refused();
    return stored;
  }

  /**
   * Verifies a signed source's HMAC-SHA256 over the exact bytes received, then registers the events
   * as reports of the system actor `webhook:<source>`: the sender holds no user's privileges.
   */
  async function ingest(
    stored: StoredWebhookSource,
    headers: IncomingHttpHeaders,
    raw: Buffer,
    body: string,
  ): Promise<TelemetryResult> {
    const { source: name, auth, mapping, fingerprint } = stored.source;
    if (auth.kind === 'hmac') {
      const sent = headerText(headers, auth.header) ?? '';
      const expected = auth.prefix + hmacSha256Hex(stored.hmacSecret ?? '', raw);
      if (!stored.hmacSecret || !safeEqual(sent.toLowerCase(), expected.toLowerCase())) throw refused();
    }
    return telemetry.ingestEvents(
      systemActor(`webhook:${name}`),
      body,
      (event, rawEvent, now) => webhookToReport(name, mapping, event, rawEvent, now),
      () => Promise.resolve(fingerprint),
      mapping.format === 'syslog' ? (text, maxEvents) => readLogLines(text, now(), maxEvents) : undefined,
    );
  }

  return { admit, ingest };
}

export type WebhookService = ReturnType<typeof createWebhookService>;
