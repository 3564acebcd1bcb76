import type { Severity } from '#contracts/reports.ts';
import {
  capped,
  distinctObservables,
  epochAsIso,
  eventTime,
  ipObservable,
  isObject,
  MONTHS,
  numberAt,
  observableOf,
  textAt,
  textsAt,
  timestampOf,
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
import { wazuhDetails } from './wazuh-details.rules.ts';

/**
 * Wazuh rule levels 0–15 in four bands, after Wazuh's own level table: 0–3 low (ignored, low-priority
 * and successful events), 4–7 medium (errors, low-relevance attacks), 8–11 high (first-time events,
 * multiple errors, integrity warnings), 12–15 critical (high-importance events, severe attacks).
 */
export function wazuhSeverity(level: unknown): Severity | undefined {
  if (typeof level !== 'number' || !Number.isInteger(level) || level < 0 || level > 15) return undefined;
  return level <= 3 ? 'low' : level <= 7 ? 'medium' : level <= 11 ? 'high' : 'critical';
}

/**
 * Fields holding addresses, as Wazuh's decoders name them: sshd and web logs, Suricata via Wazuh,
 * Windows event channel (logons, Sysmon network events), cloud modules (AWS CloudTrail and GuardDuty,
 * Office 365, Microsoft Graph, GCP, GitHub), and the ECS fields of Wazuh 5 alerts.
 */
const ADDRESS_FIELDS = [
  'data.srcip',
  'data.dstip',
  'data.src_ip',
  'data.dest_ip',
  'source.ip',
  'destination.ip',
  'data.win.eventdata.ipAddress',
  'data.win.eventdata.sourceIp',
  'data.win.eventdata.destinationIp',
  'data.aws.sourceIPAddress',
  // GuardDuty names the remote party per action; port probes list theirs.
  'data.aws.service.action.awsApiCallAction.remoteIpDetails.ipAddressV4',
  'data.aws.service.action.networkConnectionAction.remoteIpDetails.ipAddressV4',
  'data.aws.service.action.portProbeAction.portProbeDetails.remoteIpDetails.ipAddressV4',
  'data.office365.ClientIP',
  'data.ms-graph.ipAddress',
  'data.gcp.jsonPayload.sourceIP',
  // Audit logs name the caller: GCP (data.gcp in 4.x, the entry at data's root in 3.x and 4.0) and
  // Azure activity logs (Log Analytics writes CallerIpAddress, storage blobs callerIpAddress).
  'data.gcp.protoPayload.requestMetadata.callerIp',
  'data.protoPayload.requestMetadata.callerIp',
  'data.CallerIpAddress',
  'data.callerIpAddress',
  'data.github.actor_ip',
  'agent.ip',
  'agent.host.ip',
  // OSSEC and Wazuh 1.x alerts name them at the top level.
  'srcip',
  'dstip',
  'agentip',
];

/** Fields holding host names: Sysmon network connections and DNS queries, Suricata via Wazuh, ECS. */
const DOMAIN_FIELDS = [
  'data.win.eventdata.destinationHostname',
  'data.win.eventdata.queryName',
  'data.hostname',
  'data.http.hostname',
  'data.dns.rrname',
  'data.tls.sni',
  'url.domain',
  'destination.domain',
];

/** File hashes: integrity monitoring (after the change), VirusTotal's lookups, ECS `file.hash`. */
const HASH_FIELDS = [
  ['sha256', 'syscheck.sha256_after'],
  ['sha1', 'syscheck.sha1_after'],
  ['md5', 'syscheck.md5_after'],
  ['sha1', 'data.virustotal.source.sha1'],
  ['md5', 'data.virustotal.source.md5'],
  ['sha256', 'file.hash.sha256'],
  ['sha1', 'file.hash.sha1'],
  ['md5', 'file.hash.md5'],
] as const;

/** Sysmon's `hashes`: `SHA1=…,MD5=…,SHA256=…,IMPHASH=…`. */
function sysmonHashes(text: string | undefined) {
  const types = { md5: 'md5', sha1: 'sha1', sha256: 'sha256' } as const;
  return (text ?? '').split(',').map((pair) => {
    const [name, value] = pair.split('=');
    const type = types[name?.trim().toLowerCase() as keyof typeof types];
    return type ? observableOf(type, value?.trim()) : null;
  });
}

/**
 * Where messages built around a Wazuh alert carry it whole: the message wazuh-execd hands an
 * active-response script (Wazuh 4.2+), and those of Wazuh's own Shuffle and PagerDuty integrations
 * (integrations/shuffle.py, pagerduty.py), whose hook may point here.
 */
const ALERT_WRAPPERS = ['parameters.alert', 'all_fields', 'payload.custom_details'];

function wrappedAlert(event: EventObject): EventObject | undefined {
  for (const path of ALERT_WRAPPERS) {
    const alert = valueAt(event, path);
    if (isObject(alert) && isObject(alert.rule)) return alert;
  }
  return undefined;
}

/**
 * A Wazuh alert (alerts.json, the body an integration posts, or a Wazuh 5 alert in ECS) as a report.
 * sourceRef: the alert's `id` (epoch and offset in the manager's alerts log), qualified by the
 * manager's name when it has one.
 */
export function wazuhToReport(event: EventObject, raw: string, now: Date): MappedEvent {
  const forwarded = isObject(event.rule) ? undefined : wrappedAlert(event);
  if (forwarded) return wazuhToReport(forwarded, raw, now);
  const rule = event.rule;
  if (!isObject(rule)) return { error: 'Not a Wazuh alert: no rule' };
  const time = eventTime(alertTime(event), now);
  if ('error' in time) return time;
  // OSSEC and Wazuh 1.x: rule.sidid, rule.comment, rule.AlertLevel in early Kibana templates.
  const ruleId = textAt(rule, 'id') ?? textAt(rule, 'sidid');
  const title =
    textAt(rule, 'description') ?? textAt(rule, 'comment') ?? (ruleId ? `Wazuh rule ${ruleId}` : undefined);
  if (!title) return { error: 'The rule has neither a description nor an id' };
  const level = numberAt(rule, 'level') ?? numberAt(rule, 'AlertLevel');
  const severity = wazuhSeverity(level);
  const manager = textAt(event, 'manager.name');
  const alertId = textAt(event, 'id');
  const ruleLine = ruleId
    ? `${ruleId}${severity ? ` (level ${String(level)}, ${severity})` : ''}`
    : undefined;

  const body = [
    `Wazuh alert: ${title}`,
    ...describeLines([['Rule', ruleLine], ...wazuhDetails(event)]),
    ...(time.note ? [time.note] : []),
    ...section('Log', textAt(event, 'full_log')),
    ...section('Previous output', textAt(event, 'previous_output')),
    // Integrity monitoring with report_changes: the diff is what changed, and often all the alert says.
    ...section('What changed', textAt(event, 'syscheck.diff')?.replace(/^What changed:\s*/, '')),
  ].join('\n');

  const sourceRef = alertId ? capped(manager ? `${manager}/${alertId}` : alertId, SOURCE_REF_MAX) : undefined;
  return {
    report: {
      channel: 'monitoring',
      reporter: {
        kind: 'tool',
        name: capped(manager ? `Wazuh (${manager})` : 'Wazuh', 200),
        contact: '',
        trust: 'unknown',
      },
      receivedAt: time.at,
      title: capped(title, TITLE_MAX),
      body: capped(body, BODY_MAX),
      raw,
      tlp: 'amber',
      pap: 'amber',
      source: 'wazuh',
      ...(sourceRef ? { sourceRef } : {}),
      ...(severity ? { severity } : {}),
      observables: distinctObservables([
        ...ADDRESS_FIELDS.flatMap((f) => textsAt(event, f).map(ipObservable)),
        ...DOMAIN_FIELDS.map((f) => observableOf('domain', textAt(event, f))),
        observableOf('url', textAt(event, 'data.url') ?? textAt(event, 'url.full')),
        ...HASH_FIELDS.map(([type, f]) => observableOf(type, textAt(event, f))),
        ...sysmonHashes(textAt(event, 'data.win.eventdata.hashes')),
        observableOf('cve', textAt(event, 'data.vulnerability.cve') ?? textAt(event, 'vulnerability.id')),
      ]),
    },
  };
}

const LEGACY_TIME = /^(\d{4}) ([A-Z][a-z]{2}) (\d{1,2}) (\d{2}):(\d{2}):(\d{2})$/;

/**
 * The alert's time: `timestamp` (ISO 8601), `@timestamp`, or, from OSSEC and Wazuh 1.x, `TimeStamp`
 * (epoch milliseconds) or `timestamp` written `2016 Jan 29 13:08:36` in the manager's zone, which the
 * alert does not name: read as UTC.
 */
function alertTime(event: EventObject): unknown {
  const stamp = timestampOf(event);
  const legacy = typeof stamp === 'string' ? LEGACY_TIME.exec(stamp) : null;
  // TimeStamp names its instant; the legacy text does not name its zone.
  if ((stamp === undefined || legacy) && event.TimeStamp !== undefined) return epochAsIso(event.TimeStamp);
  if (!legacy) return stamp;
  const month = String(MONTHS.indexOf(legacy[2]!) + 1).padStart(2, '0');
  return `${legacy[1]}-${month}-${legacy[3]!.padStart(2, '0')}T${legacy[4]}:${legacy[5]}:${legacy[6]}Z`;
}

const section = (label: string, text: string | undefined) => (text ? ['', `${label}:`, text] : []);
