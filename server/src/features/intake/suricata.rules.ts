import type { Severity } from '#contracts/reports.ts';
import {
  capped,
  distinctObservables,
  endpoint,
  eventTime,
  ipObservable,
  isObject,
  numberAt,
  observableOf,
  textAt,
  textsAt,
  timestampOf,
  type EventObject,
} from './event-fields.rules.ts';
import {
  BODY_MAX,
  describeLines,
  SOURCE_REF_MAX,
  TITLE_MAX,
  type MappedEvent,
} from './telemetry-report.rules.ts';

/**
 * Suricata's alert severity is the rule's priority, 1 the most serious (rules without one get 3);
 * Suricata has no level above 1, so no alert is `critical` by itself.
 */
export function suricataSeverity(priority: unknown): Severity | undefined {
  if (typeof priority !== 'number' || !Number.isInteger(priority) || priority < 1) return undefined;
  return priority === 1 ? 'high' : priority === 2 ? 'medium' : 'low';
}

/**
 * A Suricata EVE record as a report. Alerts (`event_type: alert`, or no event_type but an `alert`
 * object, as some shippers strip it) become reports; flow, dns, http, stats… records are ignored.
 *
 * sourceRef: the flow id, qualified by the sensor (`host`), the signature and the event time. That is
 * one event: sent twice, it counts a repetition; but a flow raising two signatures, or the same one an
 * hour later, is not folded into one report by it (grouping is the fingerprint rule's work).
 *
 * AWS Network Firewall, Suricata inside, writes each record under `event` beside the firewall's name:
 * the record is read from there, the firewall named as its sensor.
 */
export function suricataToReport(record: EventObject, raw: string, now: Date): MappedEvent {
  const wrapped = record.event_type === undefined && isObject(record.event) && 'event_type' in record.event;
  const event = wrapped ? (record.event as EventObject) : record;
  const type = event.event_type;
  if (type !== undefined && type !== 'alert')
    return typeof type === 'string' ? { ignored: type } : { error: 'event_type is not a string' };
  const alert = event.alert;
  if (!isObject(alert))
    return {
      error:
        type === 'alert'
          ? 'An alert event without an alert object'
          : 'Not a Suricata EVE record: no event_type',
    };
  const time = eventTime(timestampOf(event), now);
  if ('error' in time) return time;

  const sid = textAt(alert, 'signature_id');
  const gid = textAt(alert, 'gid') ?? '1';
  const signature = textAt(alert, 'signature') ?? (sid ? `Suricata signature ${gid}:${sid}` : undefined);
  if (!signature) return { error: 'The alert names no signature' };
  const severity = suricataSeverity(numberAt(alert, 'severity'));
  const host = textAt(event, 'host') ?? (wrapped ? textAt(record, 'firewall_name') : undefined);
  const [srcIp, destIp] = [textAt(event, 'src_ip'), textAt(event, 'dest_ip')];
  const flowId = textAt(event, 'flow_id');
  const timestamp = textAt(event, 'timestamp') ?? textAt(event, '@timestamp');
  const http = httpOf(event);

  const body = [
    `Suricata alert: ${signature}`,
    ...describeLines([
      ['Signature', sid ? `${gid}:${sid}:${textAt(alert, 'rev') ?? '?'}` : undefined],
      ['Category', textAt(alert, 'category')],
      ['Severity', severity ? `${textAt(alert, 'severity')} (${severity})` : undefined],
      ['Action', textAt(alert, 'action')],
      // What became of the packet (IPS, AWS Network Firewall): `drop` although the rule says `allowed`.
      ['Verdict', textAt(event, 'verdict.action')],
      ['Protocol', [textAt(event, 'proto'), textAt(event, 'app_proto')].filter(Boolean).join(' / ')],
      ['Source', endpoint(srcIp, textAt(event, 'src_port'))],
      ['Destination', endpoint(destIp, textAt(event, 'dest_port'))],
      ['Flow id', flowId],
      ['Community id', textAt(event, 'community_id')],
      ['Sensor', [host, textAt(event, 'in_iface')].filter(Boolean).join(' ')],
      ['Time', timestamp],
      ['HTTP', http.summary],
      ['HTTP user agent', textAt(event, 'http.http_user_agent')],
      ['HTTP referer', textAt(event, 'http.http_refer')],
      ['TLS SNI', textAt(event, 'tls.sni')],
      ['TLS subject', textAt(event, 'tls.subject')],
      ['DNS query', dnsName(event)],
      [
        'File',
        textAt(event, 'fileinfo.filename') ?? (textsAt(event, 'files.filename').join(', ') || undefined),
      ],
      ['Rule metadata', metadataOf(alert.metadata)],
    ]),
    ...(time.note ? [time.note] : []),
  ].join('\n');

  const reporter = host ? `Suricata (${host})` : 'Suricata';
  const sourceRef = flowId
    ? capped([host, flowId, `${gid}:${sid ?? '?'}`, timestamp].filter(Boolean).join('/'), SOURCE_REF_MAX)
    : undefined;
  return {
    report: {
      channel: 'monitoring',
      reporter: { kind: 'tool', name: capped(reporter, 200), contact: '', trust: 'unknown' },
      receivedAt: time.at,
      title: capped(signature, TITLE_MAX),
      body: capped(body, BODY_MAX),
      raw,
      tlp: 'amber',
      pap: 'amber',
      source: 'suricata',
      ...(sourceRef ? { sourceRef } : {}),
      ...(severity ? { severity } : {}),
      observables: distinctObservables([
        ipObservable(srcIp),
        ipObservable(destIp),
        http.host,
        http.url,
        observableOf('domain', textAt(event, 'tls.sni')),
        observableOf('domain', dnsName(event)),
        // fileinfo records, or the `files` an alert on a file-carrying transaction lists.
        ...(['sha256', 'sha1', 'md5'] as const).flatMap((hash) => [
          observableOf(hash, textAt(event, `fileinfo.${hash}`)),
          ...textsAt(event, `files.${hash}`).map((value) => observableOf(hash, value)),
        ]),
        // ET rules name the CVE they detect in their metadata (`cve: ["CVE_2021_44228"]`).
        ...textsAt(alert, 'metadata.cve').map((c) => observableOf('cve', c.replace(/_/g, '-'))),
      ]),
    },
  };
}

/** The HTTP request of the alert: a summary line, and its host and URL as observables. */
function httpOf(event: EventObject) {
  const hostname = textAt(event, 'http.hostname');
  const path = textAt(event, 'http.url');
  const port = textAt(event, 'http.http_port');
  const url =
    path?.startsWith('/') && hostname
      ? `http://${hostname}${port && port !== '80' ? `:${port}` : ''}${path}`
      : path;
  const summary = [textAt(event, 'http.http_method'), hostname, path, textAt(event, 'http.status')]
    .filter(Boolean)
    .join(' ');
  return {
    summary: summary || undefined,
    // An IPv6 host is written in brackets, as in the Host header.
    host: ipObservable(hostname?.replace(/^\[(.*)\]$/, '$1')) ?? observableOf('domain', hostname),
    url: observableOf('url', url),
  };
}

/**
 * The rule's metadata (`alert.metadata`, lists of values by key, as ET rules carry signature_severity,
 * attack_target, mitre ids, created_at…) as `key=value, value; key=value`.
 */
function metadataOf(metadata: unknown): string | undefined {
  if (!isObject(metadata)) return undefined;
  const parts = Object.keys(metadata).flatMap((key) => {
    const values = textsAt(metadata, key);
    return values.length ? [`${key}=${values.join(', ')}`] : [];
  });
  return parts.join('; ') || undefined;
}

/** The queried name of a DNS record: EVE v2 (`dns.rrname`) or v3 (`dns.queries[0].rrname`). */
function dnsName(event: EventObject): string | undefined {
  return textAt(event, 'dns.rrname') ?? textAt(event, 'dns.queries.0.rrname');
}
