import type { ObservableType } from '#contracts/observables.ts';
import type { SentObservable } from '#contracts/reports.ts';
import { normaliseObservable } from '../observables/index.ts';

/** A telemetry event as parsed from JSON. */
export type EventObject = Record<string, unknown>;

export const isObject = (v: unknown): v is EventObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The value at a dotted path (`alert.signature_id`), own properties only; undefined when absent. Keys
 * may hold dots themselves, as Zeek writes its fields flat (`"id.orig_h"`): at each level a nested
 * object is tried first, then ever longer dotted keys.
 */
export function valueAt(event: unknown, path: string): unknown {
  return lookup(event, path.split('.'));
}

function lookup(v: unknown, keys: string[]): unknown {
  if (!keys.length) return v;
  if (typeof v !== 'object' || v === null) return undefined;
  for (let n = 1; n <= keys.length; n++) {
    const key = n === 1 ? keys[0]! : keys.slice(0, n).join('.');
    if (!Object.hasOwn(v, key)) continue;
    const found = lookup((v as Record<string, unknown>)[key], keys.slice(n));
    if (found !== undefined) return found;
  }
  return undefined;
}

/** A string, number or boolean at the path as text; undefined when absent, empty or not a scalar. */
export function textAt(event: unknown, path: string): string | undefined {
  const v = valueAt(event, path);
  if (typeof v === 'string') return v.trim() || undefined;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** A number, or a string of digits as some shippers write numbers (`"level": "5"`); undefined otherwise. */
export function numberAt(event: unknown, path: string): number | undefined {
  const v = valueAt(event, path);
  if (typeof v === 'number') return v;
  return typeof v === 'string' && /^\s*-?\d+\s*$/.test(v) ? Number(v) : undefined;
}

/**
 * The strings (and numbers) at the path, lists on the way included: `files.sha256` gives the hash of
 * each element of `files`, `columns.3` the fourth column. Empty when there are none.
 */
export function textsAt(event: unknown, path: string): string[] {
  return lookupAll(event, path.split('.')).flatMap((x) =>
    typeof x === 'string' && x.trim() ? [x.trim()] : typeof x === 'number' ? [String(x)] : [],
  );
}

function lookupAll(v: unknown, keys: string[]): unknown[] {
  // A list is walked through unless the next key is one of its indexes.
  if (Array.isArray(v) && !(/^\d+$/.test(keys[0] ?? '') && Object.hasOwn(v, keys[0]!)))
    return v.flatMap((x) => lookupAll(x, keys));
  if (!keys.length) return [v];
  if (typeof v !== 'object' || v === null) return [];
  for (let n = 1; n <= keys.length; n++) {
    const key = keys.slice(0, n).join('.');
    if (!Object.hasOwn(v, key)) continue;
    const found = lookupAll((v as Record<string, unknown>)[key], keys.slice(n));
    if (found.length) return found;
  }
  return [];
}

/**
 * The event's own time: `timestamp` as the tools write it, else `@timestamp`, which shippers
 * (Filebeat, Logstash, the Wazuh indexer) add and some keep alone.
 */
export const timestampOf = (event: EventObject): unknown => event.timestamp ?? event['@timestamp'];

/** Text cut to `max` characters, marked with an ellipsis when cut. */
export const capped = (text: string, max: number) =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;

/** The value as an observable of the type in canonical form, or null when it is none. */
export function observableOf(type: ObservableType, value: string | undefined): SentObservable | null {
  if (!value) return null;
  const canonical = normaliseObservable(type, value);
  return canonical ? { type, value: canonical } : null;
}

/**
 * An IPv4 or IPv6 address as an observable, or null. Written with a port (`192.0.2.1:443`,
 * `[2001:db8::1]:443`, as Office 365 audit records and proxies write the client) the address is taken;
 * an IPv4 address mapped into IPv6 (`::ffff:192.0.2.1`, as Windows logs logons over dual-stack
 * sockets) is taken as the IPv4 address. Loopback addresses stay observables (nothing sent is dropped;
 * anonymised samples use them); correlation does not tie reports together by them.
 */
export function ipObservable(value: string | undefined): SentObservable | null {
  const address = bareAddress(value);
  return observableOf(address?.includes(':') ? 'ipv6' : 'ipv4', address);
}

const IPV4 = String.raw`\d{1,3}(?:\.\d{1,3}){3}`;
const WITH_PORT = new RegExp(String.raw`^(?:\[([0-9a-f:.]+)\]|(${IPV4})):\d{1,5}$`, 'i');
const MAPPED_IPV4 = new RegExp(String.raw`^(?:::|(?:0{1,4}:){5})ffff:(${IPV4})$`, 'i');

function bareAddress(value: string | undefined): string | undefined {
  const text = value?.trim().replace(/^\[([0-9a-f:.]+)\]$/i, '$1');
  const withPort = text ? WITH_PORT.exec(text) : null;
  const address = withPort ? (withPort[1] ?? withPort[2]) : text;
  return address ? (MAPPED_IPV4.exec(address)?.[1] ?? address) : address;
}

/** `address:port`, `[v6]:port`, or the address alone. */
export function endpoint(ip: string | undefined, port: string | undefined): string | undefined {
  if (!ip) return undefined;
  if (!port) return ip;
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}

/** Distinct observables, first occurrence kept. */
export function distinctObservables(items: (SentObservable | null)[]): SentObservable[] {
  const seen = new Map<string, SentObservable>();
  for (const o of items) if (o && !seen.has(`${o.type}:${o.value}`)) seen.set(`${o.type}:${o.value}`, o);
  return [...seen.values()];
}

/** English month abbreviations as syslog and OSSEC stamps write them (`Oct 11 22:14:15`), in order. */
export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * An event time as the tools write it — ISO 8601 with `Z`, `+01:00` or `+0100` (Suricata, Wazuh) and up
 * to nanoseconds — as an instant; without an offset it is read as UTC. Null when it is no valid time.
 */
export function parseEventTime(text: string): Date | null {
  const m = TIME.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const ms = Number((m[7] ?? '0').padEnd(3, '0').slice(0, 3));
  const local = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const check = new Date(local);
  // Date.UTC rolls 31 February over into March: a time that does not exist is refused instead.
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  const zone = m[8]?.toUpperCase();
  let offsetMinutes = 0;
  if (zone && zone !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    offsetMinutes =
      (zone[0] === '-' ? -1 : 1) * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0));
  }
  return new Date(local - offsetMinutes * 60_000);
}

/**
 * An epoch time as ISO 8601 text for {@link eventTime}: seconds with a fraction (Zeek, most JSON
 * senders), milliseconds (CEF `rt`, CrowdStrike, Zeek `JSON::TS_MILLIS`; no seconds value reaches
 * 10^11 before the year 5138), micro- or nanoseconds, as a number or a string of digits. Numbers
 * before 1973 (10^8 s: `20240115` is a date written without dashes, `0` no time) and anything else
 * are returned as they are, for eventTime to refuse.
 */
export function epochAsIso(value: unknown): unknown {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\s*\d+(?:\.\d+)?\s*$/.test(value)
        ? Number(value)
        : undefined;
  if (n === undefined || n < 1e8) return value;
  let ms = n >= 1e11 ? n : n * 1000;
  while (ms >= 1e14) ms /= 1000;
  const at = new Date(Math.floor(ms));
  return Number.isNaN(at.getTime()) ? value : at.toISOString();
}

/**
 * When the event happened, as the report's received time: the event's own time, or now when it has
 * none; a time in the future (a sensor's clock running ahead) becomes now, with a note saying so.
 */
export function eventTime(value: unknown, now: Date): { at: string; note?: string } | { error: string } {
  if (value === undefined || value === null)
    return { at: now.toISOString(), note: 'The event has no timestamp; the time of arrival is used.' };
  const parsed = typeof value === 'string' ? parseEventTime(value) : null;
  if (typeof value !== 'string' || !parsed)
    return { error: `timestamp ${JSON.stringify(value).slice(0, 60)} is not a valid time` };
  if (parsed.getTime() > now.getTime())
    return {
      at: now.toISOString(),
      note: `The event time ${value} lies in the future; the time of arrival is used.`,
    };
  return { at: parsed.toISOString() };
}
