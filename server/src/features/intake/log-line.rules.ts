import { parse as parseCsv } from 'csv-parse/sync';
import { isObject, MONTHS, parseEventTime, type EventObject } from './event-fields.rules.ts';
import { keyValuePairs } from './log-line-pairs.rules.ts';
import { lines, MAX_EVENT_CHARS, type BodyEvent } from './telemetry-body.rules.ts';

/**
 * Log lines as SIEMs, firewalls and syslog relays forward them, read into fields a webhook mapping can
 * name: the syslog header (`syslog.*`: RFC 5424, RFC 3164, or an RFC 3339 stamp as rsyslog writes it),
 * the `message` after it, and the message's own fields (`fields.*`) when it is CEF (`cef.*` for the
 * header), LEEF (`leef.*`), a JSON object (after a short prefix) or `key=value` pairs.
 *
 * Hand-written to the CEF and LEEF specifications: the syslog parsers on npm split extension values
 * at every `=` (a URL's query string is cut off) and leave escapes in place.
 */

const SEVERITIES = ['emergency', 'alert', 'critical', 'error', 'warning', 'notice', 'info', 'debug'];

const PRI = /^<(\d{1,3})>/;
const RFC5424 = /^1 (\S+) (\S+) (\S+) (\S+) (\S+) /;
// `Oct 11 22:14:15` (RFC 3164), also with a year and a fraction as Cisco devices write it
// (`Jun 07 2025 17:31:57.123:`, the colon ending the stamp when no host follows), and after Cisco IOS's
// sequence number and clock mark (`123: *Mar  1 00:00:45.123:`; `*` unsynchronised, `.` once was).
const BSD_STAMP =
  /^(?:\d{1,10}: )?[*.]?([A-Z][a-z]{2}) {1,2}(\d{1,2})(?: (\d{4}))? (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?:? /;
// RFC 3339 as rsyslog writes it, or with a space for the `T` (RFC 3339 §5.6 allows it; syslog-ng, appliances).
const ISO_STAMP = /^(\d{4}-\d{2}-\d{2}([T ])\d{2}:\d{2}:\d{2}(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?) /;
// `sshd[123]: ` or `kernel: `: an RFC 3164 tag ends in a colon and a space (CEF's `CEF:0|` and an
// IPv6 host's `fe80::1` do not).
const TAG = /^([\w./-]{1,48})(?:\[([^\]\s]{1,20})\])?:(?: |$)/;
// Longest CSV record read into columns: csv-parse takes ~0.4 s per MiB, and no log record is that wide.
const CSV_MAX_CHARS = 65_536;

/**
 * Each non-blank line of the body as one event; only an empty body is no log at all. Stops after
 * `maxEvents + 1` events: the caller refuses the body then, and a 16 MiB body of two-byte lines is
 * not parsed into eight million events first.
 */
export function readLogLines(
  body: string,
  now: Date,
  maxEvents: number,
): { events: BodyEvent[] } | { malformed: string } {
  if (!body.trim()) return { malformed: 'The body is empty' };
  const events: BodyEvent[] = [];
  for (const { line, text } of lines(body)) {
    if (events.length > maxEvents) break;
    if (!text.trim()) continue;
    if (text.length > MAX_EVENT_CHARS)
      events.push({ line, error: `The line is longer than ${MAX_EVENT_CHARS} characters` });
    else events.push({ line, event: parseLogLine(text, now), raw: text });
  }
  return { events };
}

/** One log line as fields; `now` dates an RFC 3164 stamp, which has no year. */
export function parseLogLine(line: string, now: Date): EventObject {
  const { syslog, message } = syslogHeader(line.replace(/^\uFEFF/, ''), now);
  const event: EventObject = { message: message.trim() };
  if (syslog) event.syslog = syslog;
  const content = message.trim();
  // A relay that took `CEF:` for the RFC 3164 tag passes on `0|Vendor|Product|…`: seven header fields;
  // one that added its own prefix passes on `CEF:CEF:0|…`.
  const cef = /(?:^|[\s:])(CEF: ?\d+\|.*)$/s.exec(content) ?? /^(\d{1,2}(?:\|[^|]*){6}\|.*)$/s.exec(content);
  const leef = /(?:^|\s)(LEEF:[12]\.0\|.*)$/s.exec(content);
  if (cef) Object.assign(event, parseCef(cef[1]!));
  else if (leef) Object.assign(event, parseLeef(leef[1]!));
  else {
    const json = jsonFields(content);
    const pairs = json ? undefined : keyValuePairs(content);
    const fields = json ?? (pairs && ownFields(pairs.pairs));
    if (fields) event.fields = fields;
    // Comma-separated `Name: value` cells stay columns too, as mappings written for them read them.
    const columns = !fields || pairs?.kind === 'colon' ? csvColumns(content) : undefined;
    const spaced = fields || columns ? undefined : spaceColumns(content);
    if (columns ?? spaced) event.columns = columns ?? spaced;
  }
  return event;
}

function syslogHeader(line: string, now: Date): { syslog?: EventObject; message: string } {
  const syslog: EventObject = {};
  let rest = line;
  const pri = PRI.exec(rest);
  if (pri && Number(pri[1]) <= 191) {
    const value = Number(pri[1]);
    Object.assign(syslog, { priority: value, facility: value >> 3, severity: SEVERITIES[value & 7] });
    rest = rest.slice(pri[0].length);
  }
  // RFC 5424 §6: HEADER = PRI VERSION …; without a PRI, "1 failed login…" is a message.
  const ietf = pri ? RFC5424.exec(rest) : null;
  if (ietf && (ietf[1] === '-' || parseEventTime(ietf[1]!))) {
    const [, stamp, host, app, pid, msgid] = ietf.map((v) => (v === '-' ? undefined : v));
    Object.assign(syslog, { timestamp: isoTime(stamp), host, app, pid, msgid });
    const data = structuredData(rest.slice(ietf[0].length));
    if (data.elements) syslog.data = data.elements;
    return { syslog: defined(syslog), message: data.rest.replace(/^\uFEFF/, '') };
  }
  const stamp = leadingStamp(rest, Boolean(pri), now);
  if (!stamp) return Object.keys(syslog).length ? { syslog, message: rest } : { message: rest };
  syslog.timestamp = stamp.timestamp;
  rest = rest.slice(stamp.length);
  // A date and time set apart by a space, with no zone and no PRI, is no syslog header but an application's
  // or a W3C extended log's own: the word after it is a level (`ERROR`) or a field (`s-ip`), no host.
  if (!pri && stamp.local) return { syslog: defined(syslog), message: rest };
  // HOSTNAME, unless the next word is already the tag (some relays drop the host).
  // No host ends in a colon (`%ASA-6-302013:` is a message id); Cisco sets one off by ` : `.
  const host = /^([^\s[\]]*[^\s[\]:]) (?:: )?/.exec(rest);
  // No number is a host (Squid's elapsed milliseconds after its epoch stamp); `-` is the nil value
  // (RFC 5424 §6.2.4), taken as a host would be so that the fields after it keep their places.
  if (host && !/^\d+$/.test(host[1]!) && !TAG.test(rest)) {
    if (host[1] !== '-') syslog.host = host[1];
    rest = rest.slice(host[0].length);
  }
  const tag = TAG.exec(rest);
  if (tag && !/^CEF$|^LEEF$/.test(tag[1]!)) {
    Object.assign(syslog, { app: tag[1], pid: tag[2] });
    rest = rest.slice(tag[0].length);
  }
  return { syslog: defined(syslog), message: rest };
}

/**
 * The header's time: RFC 3164, RFC 3339, or epoch seconds with a fraction, as Cisco Meraki writes its
 * header (`<134>1 1563249630.774247467 MX84 flows …`) and Squid its native access log.
 */
function leadingStamp(
  text: string,
  pri: boolean,
  now: Date,
): { timestamp: string | undefined; length: number; local?: boolean } | undefined {
  const bsd = BSD_STAMP.exec(text);
  if (bsd) return { timestamp: bsdTime(bsd, now), length: bsd[0].length };
  const iso = ISO_STAMP.exec(text);
  // A space for the `T` and no zone: how applications and W3C logs date a line, not a syslog header.
  if (iso) return { timestamp: isoTime(iso[1]), length: iso[0].length, local: iso[2] === ' ' && !iso[3] };
  const epoch = (pri ? /^(?:1 )?(\d{10}\.\d{1,9}) / : /^(\d{10}\.\d{1,9}) /).exec(text);
  if (epoch) return { timestamp: new Date(Number(epoch[1]) * 1000).toISOString(), length: epoch[0].length };
  return undefined;
}

/**
 * Fields from pairs, the first of a repeated key kept: own properties only, so keys such as
 * `__proto__` or `constructor` are fields like any other.
 */
function ownFields(pairs: readonly (readonly [string, unknown])[]): EventObject {
  const seen = new Set<string>();
  return Object.fromEntries(pairs.filter(([key]) => !seen.has(key) && seen.add(key)));
}

const defined = (o: EventObject) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

const isoTime = (text: string | undefined) => (text ? parseEventTime(text)?.toISOString() : undefined);

/**
 * An RFC 3164 stamp (no zone) read as UTC; without a year, in the latest year that puts it at most a
 * day ahead of now: `Jan  1 00:30` sent a few minutes before UTC's new year is next year's.
 */
function bsdTime(m: RegExpExecArray, now: Date): string | undefined {
  const month = MONTHS.indexOf(m[1]!);
  const [day, h, mi, s] = [m[2], m[4], m[5], m[6]].map(Number) as [number, number, number, number];
  const ms = Number((m[7] ?? '0').padEnd(3, '0').slice(0, 3));
  const year = now.getUTCFullYear();
  for (const y of m[3] ? [Number(m[3])] : [year + 1, year, year - 1]) {
    const at = new Date(Date.UTC(y, month, day, h, mi, s, ms));
    // Date.UTC rolls Feb 30 or 25:61 over: a stamp that does not exist is left out instead.
    if (month < 0 || at.getUTCDate() !== day || h > 23 || mi > 59 || s > 59) return undefined;
    if (m[3] || at.getTime() <= now.getTime() + 86_400_000) return at.toISOString();
  }
  return undefined;
}

const SD_ELEMENT = /^\[([^\s\]=]+)((?: [^\s=\]]+="(?:[^"\\]|\\.)*")*)\]/;

/** RFC 5424 STRUCTURED-DATA: `-`, or `[id name="value" …]` elements (`\"`, `\\` and `\]` escaped). */
function structuredData(text: string): { elements?: EventObject; rest: string } {
  if (text.startsWith('- ') || text === '-') return { rest: text.slice(2) };
  const elements: [string, EventObject][] = [];
  let rest = text;
  for (let m = SD_ELEMENT.exec(rest); m; m = SD_ELEMENT.exec(rest)) {
    const params = [...m[2]!.matchAll(/ ([^\s=\]]+)="((?:[^"\\]|\\.)*)"/g)].map(
      (p) => [p[1]!, p[2]!.replace(/\\(["\\\]])/g, '$1')] as const,
    );
    elements.push([m[1]!, ownFields(params)]);
    rest = rest.slice(m[0].length);
  }
  return elements.length ? { elements: ownFields(elements), rest: rest.replace(/^ /, '') } : { rest: text };
}

/** The pipe-separated header fields (`\|` and `\\` escaped) and what follows the last one. */
function headerFields(text: string, count: number): { fields: string[]; rest: string } {
  const fields: string[] = [];
  let current = '';
  let i = 0;
  for (; i < text.length && fields.length < count; i++) {
    const ch = text[i]!;
    if (ch === '\\' && (text[i + 1] === '|' || text[i + 1] === '\\')) current += text[++i];
    else if (ch === '|') {
      fields.push(current);
      current = '';
    } else current += ch;
  }
  return fields.length < count ? { fields: [...fields, current], rest: '' } : { fields, rest: text.slice(i) };
}

/** CEF: seven header fields, then `key=value` pairs whose values run to the next key (`\=` escaped). */
export function parseCef(text: string): EventObject {
  const { fields, rest } = headerFields(text, 7);
  const [version, deviceVendor, deviceProduct, deviceVersion, deviceEventClassId, name, severity] = fields;
  const cef = { version: version?.replace(/^CEF: ?/, ''), deviceVendor, deviceProduct, deviceVersion };
  Object.assign(cef, { deviceEventClassId, name, severity });
  // SonicWall and FortiGate quote some values whole (`susr="ABC\\user"`), which CEF does not provide for.
  const unescape = (v: string) =>
    v
      .replace(/^"([^"]*)"$/, '$1')
      .replace(/\\([=\\nr])/g, (_, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : c));
  // An escaped `\=` never ends a key: a backslash is no key character.
  const keys = [...rest.matchAll(/(?:^|\s)([\w.[\]-]+)=/g)];
  const pairs = keys.map((m, i): [string, string] => {
    const end = i + 1 < keys.length ? keys[i + 1]!.index : rest.length;
    return [m[1]!, unescape(rest.slice(m.index + m[0].length, end).trim())];
  });
  return { cef: defined(cef), fields: ownFields([...pairs, ...labelledCustomFields(pairs)]) };
}

/** `cs1Label=Rule cs1=Block-All` also as `Rule: Block-All`, the name the sender gave it. */
function labelledCustomFields(pairs: [string, string][]): [string, string][] {
  const values = new Map(pairs);
  return pairs.flatMap(([key, label]): [string, string][] => {
    const custom = /^(c\w+?)Label$/.exec(key)?.[1];
    const value = custom === undefined ? undefined : values.get(custom);
    return value !== undefined && /^[\w@$-]+$/.test(label) && !values.has(label) ? [[label, value]] : [];
  });
}

/** LEEF 1.0 (tab-separated attributes) or 2.0 (its delimiter in a sixth header field: `^`, `x09`, `0x5E`). */
export function parseLeef(text: string): EventObject {
  const v2 = text.startsWith('LEEF:2.0');
  const { fields, rest } = headerFields(text, v2 ? 6 : 5);
  const [version, vendor, product, productVersion, eventId, delimiterField] = fields;
  let delimiter = '\t';
  let attributes = rest;
  // A 2.0 sender that leaves the delimiter field out starts its attributes there.
  if (v2 && delimiterField?.includes('=')) attributes = [delimiterField, rest].filter(Boolean).join('|');
  else if (v2 && delimiterField) {
    const hex = /^(?:0?x)([0-9a-f]{1,4})$/i.exec(delimiterField);
    delimiter = hex ? String.fromCharCode(parseInt(hex[1]!, 16)) : delimiterField[0]!;
  }
  // Palo Alto and others separate LEEF 1.0 attributes by `|`, not the tab the specification names.
  if (!attributes.includes(delimiter) && /\|[\w.-]+=/.test(attributes)) delimiter = '|';
  const pairs = attributes.split(delimiter).flatMap((pair): [string, string][] => {
    const at = pair.indexOf('=');
    return at > 0 ? [[pair.slice(0, at).trim(), pair.slice(at + 1).trim()]] : [];
  });
  const leef = { version: version?.replace(/^LEEF:/, ''), vendor, product, productVersion, eventId };
  return { leef: defined(leef), fields: ownFields(pairs) };
}

/** A JSON object, alone or after a short prefix (`-: {…}`, `:{…}`) as some agents write them. */
function jsonFields(text: string): EventObject | undefined {
  const start = text.indexOf('{');
  if (start < 0 || start > 40 || !text.endsWith('}')) return undefined;
  try {
    const value: unknown = JSON.parse(text.slice(start));
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

// A field of a space-separated record: `"quoted"` (`\\"` escaped) or `[bracketed]` as one, else a word.
// A quote or bracket scan stops at the next one, so no run of them is scanned twice.
const SPACED_FIELD = /"(?:[^"\\]|\\.)*"|\[[^[\]]*\]|\S+/g;

/**
 * Space-separated records (AWS VPC flow logs, W3C extended logs, Apache and HAProxy access logs) as
 * `columns.N`, quotes and brackets taken off: when a message has six fields or more and at least half
 * of them are data (`-`, a digit, a quoted or bracketed field), which prose is not.
 */
function spaceColumns(text: string): string[] | undefined {
  if (text.length > CSV_MAX_CHARS) return undefined;
  const cells = text.match(SPACED_FIELD) ?? [];
  const data = cells.filter((cell) => cell === '-' || /\d|^".*"$|^\[.*\]$/s.test(cell)).length;
  if (cells.length < 6 || data * 2 < cells.length) return undefined;
  return cells.map((cell) =>
    /^".*"$|^\[.*\]$/s.test(cell) && cell.length > 1 ? cell.slice(1, -1).replace(/\\(["\\])/g, '$1') : cell,
  );
}

/** Comma-separated values (Palo Alto, pf), as `columns.0`, `columns.1`…: when a message has eight or more. */
function csvColumns(text: string): string[] | undefined {
  if (text.length > CSV_MAX_CHARS || (text.match(/,/g)?.length ?? 0) < 8) return undefined;
  try {
    const rows: string[][] = parseCsv(text, { relax_quotes: true, relax_column_count: true });
    return rows.length === 1 ? rows[0] : undefined;
  } catch {
    return undefined;
  }
}
