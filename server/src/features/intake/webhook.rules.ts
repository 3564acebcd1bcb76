import type { Severity } from '#contracts/reports.ts';
import type { WebhookMapping } from '#contracts/webhooks.ts';
import {
  capped,
  distinctObservables,
  epochAsIso,
  eventTime,
  observableOf,
  textAt,
  textsAt,
  valueAt,
  type EventObject,
} from './event-fields.rules.ts';
import {
  BODY_MAX,
  describeLines,
  SOURCE_REF_MAX,
  TITLE_MAX,
  type MappedEvent,
} from './telemetry-report.rules.ts';

const SEVERITIES = new Set<string>(['low', 'medium', 'high', 'critical']);

/** The severity the mapping reads from the event: through its value map, else a severity name as sent. */
export function webhookSeverity(
  mapping: WebhookMapping['severity'],
  event: EventObject,
): Severity | undefined {
  if (!mapping) return undefined;
  const text = textAt(event, mapping.path);
  if (text === undefined) return undefined;
  if (mapping.values) return mapping.values[text] ?? mapping.values[text.toLowerCase()];
  const lower = text.toLowerCase();
  return SEVERITIES.has(lower) ? (lower as Severity) : undefined;
}

/**
 * An event posted to a generic webhook as a report, read through the source's mapping. Report source:
 * `webhook:<name>`, so a webhook's sourceRefs and fingerprints never meet those of other channels.
 */
export function webhookToReport(
  name: string,
  mapping: WebhookMapping,
  event: EventObject,
  raw: string,
  now: Date,
): MappedEvent {
  const titlePaths = [mapping.title].flat();
  const title = titlePaths.map((p) => textAt(event, p)).find(Boolean);
  if (!title) return { error: `${titlePaths.join(' / ')} is missing or empty: no title` };
  const time = eventTime(
    mapping.receivedAt ? epochAsIso(valueAt(event, mapping.receivedAt)) : undefined,
    now,
  );
  if ('error' in time) return time;
  const severity = webhookSeverity(mapping.severity, event);
  const sourceRef = mapping.sourceRef ? textAt(event, mapping.sourceRef) : undefined;
  const observables = distinctObservables(
    mapping.observables.flatMap((o) => textsAt(event, o.path).map((v) => observableOf(o.type, v))),
  );
  const severityText = mapping.severity ? textAt(event, mapping.severity.path) : undefined;
  const body = [
    `Webhook event from ${name}: ${title}`,
    ...describeLines([
      ['Severity', severityText ? `${severityText}${severity ? ` (${severity})` : ''}` : undefined],
      ['Reference', sourceRef],
      ['Time', mapping.receivedAt ? textAt(event, mapping.receivedAt) : undefined],
      ...observables.map((o): [string, string] => [o.type, o.value]),
      // A log line's own words: read for observables too, and what a handler reads first.
      ['Message', mapping.format === 'syslog' ? textAt(event, 'message') : undefined],
    ]),
    ...(mapping.receivedAt && time.note ? [time.note] : []),
  ].join('\n');
  return {
    report: {
      channel: 'monitoring',
      reporter: { kind: 'tool', name, contact: '', trust: 'unknown' },
      receivedAt: time.at,
      title: capped(title, TITLE_MAX),
      body: capped(body, BODY_MAX),
      raw,
      tlp: 'amber',
      pap: 'amber',
      source: `webhook:${name}`,
      ...(sourceRef ? { sourceRef: capped(sourceRef, SOURCE_REF_MAX) } : {}),
      ...(severity ? { severity } : {}),
      observables,
    },
  };
}
