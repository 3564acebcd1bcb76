import type { FingerprintRule, TelemetryResult, TelemetrySource } from '#contracts/telemetry.ts';
import { requireRole, type Actor } from '../../platform/auth/actor.ts';
import { invalid } from '../../platform/http/domain-error.ts';
import type { FeedItem, ReportFeedService } from '../reports/index.ts';
import type { FingerprintRuleService } from './fingerprint-rule.service.ts';
import { fingerprintOf } from './fingerprint.rules.ts';
import { suricataToReport } from './suricata.rules.ts';
import { readEvents, type BodyEvent } from './telemetry-body.rules.ts';
import type { MappedEvent } from './telemetry-report.rules.ts';
import { wazuhToReport } from './wazuh.rules.ts';
import { readZeekBody } from './zeek-body.rules.ts';
import { zeekToReport } from './zeek.rules.ts';

/** Events per submission; a larger file is sent in parts (each part is one transaction). */
export const MAX_EVENTS_PER_SUBMISSION = 5_000;

/** What turns one parsed event (with its raw text) into a report, nothing, or an error. */
export type EventMapper = (event: Record<string, unknown>, raw: string, now: Date) => MappedEvent;

/**
 * What splits a body into events, or says why it is not of the format at all. It may stop once it
 * has read more than `maxEvents`: such a body is refused.
 */
export type BodyReader = (body: string, maxEvents: number) => { events: BodyEvent[] } | { malformed: string };

/** JSON as the tools write it, and the search-index exports their consoles give. */
const readJson: BodyReader = (body, maxEvents) => readEvents(body, { indexExports: true, maxEvents });

/** Per source: how its body splits into events, and how an event becomes a report. */
const sources: Record<TelemetrySource, { read: BodyReader; map: EventMapper }> = {
  suricata: { read: readJson, map: suricataToReport },
  wazuh: { read: readJson, map: wazuhToReport },
  zeek: { read: readZeekBody, map: zeekToReport },
};

export interface TelemetryServiceDeps {
  feed: Pick<ReportFeedService, 'register'>;
  rules: Pick<FingerprintRuleService, 'forSource'>;
  now: () => Date;
}

/** Security telemetry in the tools' own formats (Suricata EVE, Wazuh alerts, Zeek logs) becoming reports. */
export function createTelemetryService({ feed, rules, now }: TelemetryServiceDeps) {
  /**
   * Takes the events of one submission. Events that cannot be read are listed by line and the others
   * are registered all in one transaction; a body not of the source's format at all is refused whole (400).
   */
  async function ingest(actor: Actor, source: TelemetrySource, body: string): Promise<TelemetryResult> {
    requireRole(actor, 'handler');
    const { read, map } = sources[source];
    return ingestEvents(actor, body, map, () => rules.forSource(source), read);
  }

  /**
   * The same for any mapping of events to reports (generic webhooks): `rule` gives the fingerprint
   * rule to group repeats by, if any, once the body is known to be readable; `readBody` splits the body
   * (JSON by default).
   */
  async function ingestEvents(
    actor: Actor,
    body: string,
    map: EventMapper,
    rule: () => Promise<Pick<FingerprintRule, 'fields' | 'windowSeconds'> | null | undefined>,
    readBody: BodyReader = (b, maxEvents) => readEvents(b, { maxEvents }),
  ): Promise<TelemetryResult> {
    const read = readBody(body, MAX_EVENTS_PER_SUBMISSION);
    if ('malformed' in read)
      throw invalid('telemetry_malformed', read.malformed, [{ path: 'body', message: read.malformed }]);
    const { events } = read;
    if (events.length > MAX_EVENTS_PER_SUBMISSION) {
      const message = `must hold at most ${MAX_EVENTS_PER_SUBMISSION} events (it holds more); send it in parts`;
      throw invalid('telemetry_too_many_events', 'The body holds too many events', [
        { path: 'body', message },
      ]);
    }
    const fingerprintRule = await rule();
    const at = now();
    const errors: TelemetryResult['errors'] = [];
    const items: FeedItem[] = [];
    const lines: number[] = [];
    let ignored = 0;
    for (const e of events) {
      const mapped = 'error' in e ? e : map(e.event, e.raw, at);
      if ('error' in mapped) errors.push({ line: e.line, message: mapped.error });
      else if ('ignored' in mapped) ignored += 1;
      else if ('event' in e) {
        const value = fingerprintRule ? fingerprintOf(e.event, fingerprintRule.fields) : null;
        items.push({
          report: mapped.report,
          fingerprint:
            value && fingerprintRule ? { value, windowSeconds: fingerprintRule.windowSeconds } : null,
        });
        lines.push(e.line);
      }
    }

    let created = 0;
    let repeated = 0;
    const outcomes = items.length ? await feed.register(actor, items) : [];
    outcomes.forEach((o, i) => {
      if ('issues' in o) errors.push({ line: lines[i]!, message: issueText(o.issues) });
      else if (o.repeated) repeated += 1;
      else created += 1;
    });
    errors.sort((a, b) => a.line - b.line);
    return { received: events.length, created, repeated, ignored, errors };
  }

  return { ingest, ingestEvents };
}

/** `observables.0.value is not a valid ipv4`: the issue's path within the event, then its message. */
const issueText = (issues: { path: string; message: string }[]) =>
  issues.map((x) => `${x.path.replace(/^events\.\d+\.?/, '')} ${x.message}`.trim()).join('; ');

export type TelemetryService = ReturnType<typeof createTelemetryService>;
