import type { Severity } from '#contracts/reports.ts';
import {
  capped,
  distinctObservables,
  endpoint,
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
 * Windows event channel (logons, Sysmon network events), AWS CloudTrail, Office 365.
 */
const ADDRESS_FIELDS = [
  'data.srcip',
  'data.dstip',
  'data.src_ip',
  'data.dest_ip',
  'data.win.eventdata.ipAddress',
  'data.win.eventdata.sourceIp',
  'data.win.eventdata.destinationIp',
  'data.aws.sourceIPAddress',
  'data.office365.ClientIP',
  'agent.ip',
  // OSSEC and Wazuh 1.x alerts name them at the top level.
  'srcip',
  'dstip',
  'agentip',
];

/** Fields holding host names: Sysmon network connections and DNS queries, Suricata via Wazuh. */
const DOMAIN_FIELDS = [
  'data.win.eventdata.destinationHostname',
  'data.win.eventdata.queryName',
  'data.hostname',
  'data.dns.rrname',
  'data.tls.sni',
];

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
 * A Wazuh alert (alerts.json, or the body an integration posts) as a report. sourceRef: the alert's
 * `id` (epoch and offset in the manager's alerts log), qualified by the manager's name when it has one.
 */
export function wazuhToReport(event: EventObject, raw: string, now: Date): MappedEvent {
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
  const list = (path: string) => textsAt(event, path).join(', ') || undefined;
  const win = (field: string) => textAt(event, `data.win.${field}`);

  const body = [
    `Wazuh alert: ${title}`,
    ...describeLines([
      ['Rule', ruleId ? `${ruleId}${severity ? ` (level ${String(level)}, ${severity})` : ''}` : undefined],
      ['Groups', list('rule.groups')],
      [
        'MITRE ATT&CK',
        [list('rule.mitre.id'), list('rule.mitre.technique'), list('rule.mitre.tactic')]
          .filter(Boolean)
          .join(' — '),
      ],
      [
        'Agent',
        [
          textAt(event, 'agent.id'),
          textAt(event, 'agent.name') ?? textAt(event, 'hostname'),
          textAt(event, 'agent.ip') ?? textAt(event, 'agentip'),
        ]
          .filter(Boolean)
          .join(' '),
      ],
      ['Manager', manager],
      ['Location', textAt(event, 'location')],
      [
        'Source',
        endpoint(
          textAt(event, 'data.srcip') ?? textAt(event, 'data.src_ip') ?? textAt(event, 'srcip'),
          textAt(event, 'data.srcport'),
        ),
      ],
      ['Source user', textAt(event, 'data.srcuser') ?? textAt(event, 'srcuser')],
      [
        'Destination',
        endpoint(
          textAt(event, 'data.dstip') ?? textAt(event, 'data.dest_ip') ?? textAt(event, 'dstip'),
          textAt(event, 'data.dstport'),
        ),
      ],
      ['Destination user', textAt(event, 'data.dstuser') ?? textAt(event, 'dstuser')],
      ['URL', textAt(event, 'data.url')],
      [
        'Windows event',
        [win('system.eventID'), win('system.channel'), win('system.providerName'), win('system.computer')]
          .filter(Boolean)
          .join(' '),
      ],
      [
        'Windows user',
        [win('eventdata.targetDomainName'), win('eventdata.targetUserName')].filter(Boolean).join('\\'),
      ],
      ['Command line', win('eventdata.commandLine')],
      ['Image', win('eventdata.image')],
      [
        'Vulnerability',
        [textAt(event, 'data.vulnerability.cve'), textAt(event, 'data.vulnerability.package.name')]
          .filter(Boolean)
          .join(' '),
      ],
      ['File', [textAt(event, 'syscheck.path'), textAt(event, 'syscheck.event')].filter(Boolean).join(' — ')],
      ['Changed attributes', list('syscheck.changed_attributes')],
      [
        'Changed by',
        [textAt(event, 'syscheck.audit.login_user.name'), textAt(event, 'syscheck.audit.effective_user.name')]
          .filter(Boolean)
          .join(' as '),
      ],
      ['Process', textAt(event, 'syscheck.audit.process.name')],
      ['Time', textAt(event, 'timestamp') ?? textAt(event, '@timestamp')],
    ]),
    ...(time.note ? [time.note] : []),
    ...section('Log', textAt(event, 'full_log')),
    ...section('Previous output', textAt(event, 'previous_output')),
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
        ...ADDRESS_FIELDS.map((f) => ipObservable(textAt(event, f))),
        ...DOMAIN_FIELDS.map((f) => observableOf('domain', textAt(event, f))),
        observableOf('url', textAt(event, 'data.url')),
        observableOf('sha256', textAt(event, 'syscheck.sha256_after')),
        observableOf('sha1', textAt(event, 'syscheck.sha1_after')),
        observableOf('md5', textAt(event, 'syscheck.md5_after')),
        ...sysmonHashes(win('eventdata.hashes')),
        observableOf('cve', textAt(event, 'data.vulnerability.cve')),
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
