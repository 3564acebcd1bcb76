import type { NewReport, SentObservable, Severity } from '#contracts/reports.ts';
import { hashTypeOf } from '../observables/index.ts';
import {
  capped,
  distinctObservables,
  endpoint,
  epochAsIso,
  eventTime,
  ipObservable,
  observableOf,
  parseEventTime,
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

/**
 * Notice actions by which a Zeek operator asks for a human (alarm, mail, page) or blocks: the site's
 * own policy marks these notices as more than a log line, so they are `high`.
 */
const ESCALATING_ACTIONS = new Set([
  'Notice::ACTION_ALARM',
  'Notice::ACTION_EMAIL',
  'Notice::ACTION_EMAIL_ADMIN',
  'Notice::ACTION_PAGE',
  'Notice::ACTION_DROP',
]);

/**
 * Zeek notices carry no severity: `medium`, as a detection worth a look that nothing rates yet, and
 * `high` when the operator's notice policy alarms, mails, pages or drops on it.
 */
export function zeekNoticeSeverity(actions: readonly string[]): Severity {
  return actions.some((a) => ESCALATING_ACTIONS.has(a)) ? 'high' : 'medium';
}

/** Intel matches: an indicator the CERT's own feeds list was seen on the wire; `medium`, like notices. */
export const ZEEK_INTEL_SEVERITY: Severity = 'medium';

/**
 * A Zeek log record as a report. notice.log (and notice_alarm.log) records become reports, and so do
 * intel.log matches; conn, dns, http, files, weird… records are ignored. signatures.log is ignored
 * too: a signature whose action alarms (Zeek's default) also raises a `Signatures::Sensitive_Signature`
 * notice, and one that only logs was marked by the operator as no alert. Without `_path` (JSON from
 * some shippers) a record is told by its fields: `seen.indicator` for intel, `note` for a notice.
 *
 * sourceRef `notice/<uid, fuid or src>/<note>/<ts>` or `intel/<uid or fuid>/<where>/<ts>/<indicator>`,
 * ts to the millisecond: a record sent again is a repetition, also when it comes once from notice.log
 * and once from notice_alarm.log; distinct notices of one connection stay distinct. Records without
 * `ts` have none (the fingerprint rule still groups them).
 */
export function zeekToReport(event: EventObject, raw: string, now: Date): MappedEvent {
  const path = logPath(event);
  const has = (field: string) => valueAt(event, field) !== undefined;
  const kind =
    path === 'intel' || (!path && has('seen.indicator'))
      ? intel
      : path === 'notice' || path === 'notice_alarm' || (!path && has('note') && !has('sig_id'))
        ? notice
        : undefined;
  if (kind) {
    const time = eventTime(epochAsIso(valueAt(event, 'ts')), now);
    return 'error' in time ? time : kind(event, raw, time);
  }
  if (path) return { ignored: path };
  return has('ts') || has('uid')
    ? { ignored: 'a Zeek record that is no notice or intel match' }
    : { error: 'Not a Zeek log record: no ts, uid, note or seen.indicator' };
}

type Time = { at: string; note?: string };

function notice(event: EventObject, raw: string, time: Time): MappedEvent {
  const note = textAt(event, 'note');
  const msg = textAt(event, 'msg');
  const title = msg ?? note;
  if (!title) return { error: 'A notice with neither msg nor note' };
  const actions = textsAt(event, 'actions');
  const severity = zeekNoticeSeverity(actions);
  const [src, dst] = [textAt(event, 'src'), textAt(event, 'dst')];
  const sub = textAt(event, 'sub');
  const location = ['country_code', 'region', 'city'].map((f) => textAt(event, `remote_location.${f}`));
  const body = [
    `Zeek notice: ${note ?? title}`,
    ...describeLines([
      ['Message', msg],
      ['Actions', actions.join(', ')],
      ['Source', src],
      ['Destination', dst],
      ['Port', textAt(event, 'p')],
      ...connection(event),
      ['Count', textAt(event, 'n')],
      ['E-mail to', textsAt(event, 'email_dest').join(', ')],
      ['Suppressed for', seconds(textAt(event, 'suppress_for'))],
      ['Remote location', location.filter(Boolean).join(', ')],
      ['Peer', textAt(event, 'peer_name') ?? textAt(event, 'peer_descr')],
      ...context(event),
    ]),
    ...(time.note ? [time.note] : []),
    // Zeek scripts write HTML line breaks into sub (credential dumps, certificate chains).
    ...(sub ? ['', 'Details (sub):', sub.replace(/<(?:br|hr)\s*\/?>/gi, '\n').trimEnd()] : []),
  ].join('\n');
  const ref = refTime(event);
  const who = textAt(event, 'uid') ?? textAt(event, 'fuid') ?? src ?? '-';
  return report(event, raw, time, {
    title,
    body,
    severity,
    sourceRef: ref && `notice/${who}/${note ?? '-'}/${ref}`,
    observables: [
      ipObservable(src),
      ipObservable(dst),
      ipObservable(textAt(event, 'id.orig_h')),
      ipObservable(textAt(event, 'id.resp_h')),
    ],
  });
}

function intel(event: EventObject, raw: string, time: Time): MappedEvent {
  const indicator = textAt(event, 'seen.indicator');
  if (!indicator) return { error: 'An intel match without seen.indicator' };
  const type = textAt(event, 'seen.indicator_type');
  const where = textAt(event, 'seen.where');
  const cif = (field: string) => textsAt(event, `cif.${field}`).join(', ') || undefined;
  const title = `Intel match: ${indicator}${type ? ` (${type})` : ''}`;
  const body = [
    `Zeek intel match: ${indicator}`,
    ...describeLines([
      ['Indicator type', type],
      ['Seen where', where],
      ['Seen by', textAt(event, 'seen.node')],
      ['Matched', textsAt(event, 'matched').join(', ')],
      ['Intel sources', textsAt(event, 'sources').join(', ')],
      ...connection(event),
      ['CIF', [cif('description'), cif('tags'), cif('confidence'), cif('source')].filter(Boolean).join('; ')],
      ...context(event),
    ]),
    ...(time.note ? [time.note] : []),
  ].join('\n');
  const ref = refTime(event);
  const seenIn = textAt(event, 'uid') ?? textAt(event, 'fuid') ?? '-';
  return report(event, raw, time, {
    title,
    body,
    severity: ZEEK_INTEL_SEVERITY,
    sourceRef: ref && `intel/${seenIn}/${where ?? '-'}/${ref}/${indicator}`,
    observables: [
      indicatorObservable(type, indicator),
      ipObservable(textAt(event, 'id.orig_h')),
      ipObservable(textAt(event, 'id.resp_h')),
    ],
  });
}

/** The indicator as the observable its Intel::Type names; types that name no observable give none. */
export function indicatorObservable(type: string | undefined, value: string): SentObservable | null {
  switch (type) {
    case 'Intel::ADDR':
      return ipObservable(value);
    case 'Intel::SUBNET':
      return observableOf('cidr', value);
    case 'Intel::DOMAIN':
      return observableOf('domain', value);
    case 'Intel::EMAIL':
      return observableOf('email', value);
    // Zeek's URL indicators are written without their scheme (`example.com/path`).
    case 'Intel::URL':
      return observableOf('url', /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`);
    // A file's MD5, SHA-1 or SHA-256, or a certificate's SHA-1 fingerprint: told apart by length.
    case 'Intel::FILE_HASH':
    case 'Intel::CERT_HASH': {
      const hash = hashTypeOf(value);
      return hash ? observableOf(hash, value) : null;
    }
    default:
      return null;
  }
}

/** The connection and file a record names, as body lines. */
function connection(event: EventObject): [string, string | undefined][] {
  const orig = endpoint(textAt(event, 'id.orig_h'), textAt(event, 'id.orig_p'));
  const resp = endpoint(textAt(event, 'id.resp_h'), textAt(event, 'id.resp_p'));
  const proto = textAt(event, 'proto');
  const file = [textAt(event, 'fuid'), textAt(event, 'file_mime_type'), textAt(event, 'file_desc')];
  return [
    ['Connection', orig || resp ? `${orig ?? '?'} → ${resp ?? '?'}${proto ? ` (${proto})` : ''}` : undefined],
    ['Connection uid', textAt(event, 'uid')],
    ['File', file.filter(Boolean).join(' ')],
  ];
}

/** Where the record comes from and when, as body lines. */
function context(event: EventObject): [string, string | undefined][] {
  return [
    ['Sensor', sensorName(event)],
    ['Log', logPath(event)],
    ['Time', refTime(event)],
  ];
}

function report(
  event: EventObject,
  raw: string,
  time: Time,
  r: Pick<NewReport, 'title' | 'body' | 'severity'> & {
    sourceRef: string | undefined;
    observables: (SentObservable | null)[];
  },
): MappedEvent {
  const sensor = sensorName(event);
  return {
    report: {
      channel: 'monitoring',
      reporter: {
        kind: 'tool',
        name: capped(printable(sensor ? `Zeek (${sensor})` : 'Zeek'), 200),
        contact: '',
        trust: 'unknown',
      },
      receivedAt: time.at,
      title: capped(printable(r.title), TITLE_MAX),
      body: capped(printable(r.body), BODY_MAX),
      raw,
      tlp: 'amber',
      pap: 'amber',
      source: 'zeek',
      ...(r.sourceRef ? { sourceRef: capped(printable(r.sourceRef), SOURCE_REF_MAX) } : {}),
      ...(r.severity ? { severity: r.severity } : {}),
      observables: distinctObservables(r.observables),
    },
  };
}

/**
 * The log a record comes from and the sensor that wrote it: `_path` and `_system_name` as Zeek's JSON
 * writer and Corelight sensors name them, `@path` and `@sensor` as Corelight's SIEM exports do.
 */
const logPath = (event: EventObject) => textAt(event, '_path') ?? textAt(event, '@path');
const sensorName = (event: EventObject) => textAt(event, '_system_name') ?? textAt(event, '@sensor');

/** The record's own time for its sourceRef, whatever form it came in; undefined without one. */
function refTime(event: EventObject): string | undefined {
  const ts = epochAsIso(valueAt(event, 'ts'));
  return typeof ts === 'string' ? (parseEventTime(ts)?.toISOString() ?? undefined) : undefined;
}

/** An interval in seconds (`3600.000000`) as `3600 s`. */
function seconds(text: string | undefined): string | undefined {
  const n = Number(text);
  return text && Number.isFinite(n) ? `${n} s` : text;
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/**
 * Control characters (the `\xHH` escapes Zeek's TSV holds are decoded) shown as Zeek writes them:
 * PostgreSQL refuses NUL in text, and none of them is meant to be read as such. Tabs and line breaks stay.
 */
export function printable(text: string): string {
  return text.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
