import ipaddr from 'ipaddr.js';
import type { ExtractedObservable, ObservableType } from '#contracts/observables.ts';
import type { FieldIssue } from '../../platform/http/domain-error.ts';
import { isIpAddress, normaliseCidr } from './observable-extraction.rules.ts';
import { normaliseObservable } from './observable-normalisation.rules.ts';

/** A blocklist entry as stored: IPs and netblocks carry their address range as 32 hex digits. */
export interface BlocklistEntry {
  type: ObservableType;
  value: string;
  rangeStart: string | null;
  rangeEnd: string | null;
}

/**
 * What to look up for one observable: exact entries, and an address range that must lie inside a
 * listed one. Listed ranges are CIDR-aligned, so one containing the range starts at one of its
 * network addresses (`starts`, at most 129): an index lookup, not a scan of every range below it.
 */
export interface BlocklistProbe {
  exact: ExtractedObservable[];
  range: { start: string; end: string; starts: string[] } | null;
}

/** Most bad lines named in one answer: enough to fix a file, not a 20 MB problem document. */
const MAX_ISSUES = 100;

/**
 * Reads a pasted or uploaded list, one entry a line (`#` starts a comment): IPs, CIDRs, domains,
 * URLs, e-mail addresses and hashes, normalised as observables are, so `198.51.100[.]7` matches.
 * Every bad line is reported; duplicates collapse.
 */
export function parseBlocklist(text: string): { entries: BlocklistEntry[]; issues: FieldIssue[] } {
  const entries = new Map<string, BlocklistEntry>();
  const issues: FieldIssue[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) return;
    const entry = readEntry(line);
    if (entry) entries.set(`${entry.type}:${entry.value}`, entry);
    else if (issues.length < MAX_ISSUES)
      issues.push({
        path: `body.entries.line${i + 1}`,
        message: `"${line.slice(0, 80)}" is no IP, CIDR, domain, URL, e-mail or hash`,
      });
  });
  return { entries: [...entries.values()], issues };
}

const GUESS_ORDER: ObservableType[] = ['ipv4', 'ipv6', 'url', 'email', 'md5', 'sha1', 'sha256', 'domain'];

const IPV4_FAST =
  /^(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})(?:\/(0|[1-9]\d?))?$/;
const V4_MAPPED = '00000000000000000000ffff';

/**
 * Plain dotted-quad IPs and netblocks, most of any real list, without ipaddr: its parse tries IPv6
 * first and throws, which made a 100,000-line list take 10 s. Other forms take the general path.
 */
function readIpv4(line: string): BlocklistEntry | null | undefined {
  const m = IPV4_FAST.exec(line);
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const bits = m[5] === undefined ? 32 : Number(m[5]);
  if (octets.some((o) => o > 255) || bits > 32) return null;
  const ip = octets.reduce((n, o) => n * 256 + o, 0);
  const size = 2 ** (32 - bits);
  const start = ip - (ip % size);
  const end = start + size - 1;
  const quad = (n: number) => [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
  const hex = (n: number) => V4_MAPPED + n.toString(16).padStart(8, '0');
  return m[5] === undefined
    ? { type: 'ipv4', value: quad(ip), rangeStart: hex(ip), rangeEnd: hex(ip) }
    : { type: 'cidr', value: `${quad(start)}/${bits}`, rangeStart: hex(start), rangeEnd: hex(end) };
}

function readEntry(line: string): BlocklistEntry | null {
  const v4 = readIpv4(line);
  if (v4 !== undefined) return v4;
  if (line.includes('/') && !/^[a-z]+:\/\//i.test(line)) {
    const cidr = normaliseCidr(line);
    return cidr ? { type: 'cidr', value: cidr, ...cidrRange(cidr) } : null;
  }
  for (const type of GUESS_ORDER) {
    const value = normaliseObservable(type, line);
    if (!value) continue;
    const range =
      type === 'ipv4' || type === 'ipv6' ? cidrRange(`${value}/${type === 'ipv4' ? 32 : 128}`) : null;
    return { type, value, rangeStart: range?.rangeStart ?? null, rangeEnd: range?.rangeEnd ?? null };
  }
  return null;
}

/** First and last address of a netblock, IPv4 mapped into IPv6 (::ffff:0:0/96) so both compare as one space. */
export function cidrRange(cidr: string): { rangeStart: string; rangeEnd: string } {
  const [addr, bits] = ipaddr.parseCIDR(cidr);
  if (addr.kind() === 'ipv4') {
    return {
      rangeStart: hex(ipaddr.IPv4.networkAddressFromCIDR(cidr).toIPv4MappedAddress()),
      rangeEnd: hex(ipaddr.IPv4.broadcastAddressFromCIDR(cidr).toIPv4MappedAddress()),
    };
  }
  const v6 = `${addr.toString()}/${bits}`;
  return {
    rangeStart: hex(ipaddr.IPv6.networkAddressFromCIDR(v6)),
    rangeEnd: hex(ipaddr.IPv6.broadcastAddressFromCIDR(v6)),
  };
}

function hex(addr: ipaddr.IPv6): string {
  return addr
    .toByteArray()
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('');
}

const ALL_ONES = (1n << 128n) - 1n;

/** The network address of `startHex` at every prefix length, de-duplicated. */
function networkStarts(startHex: string): string[] {
  const v = BigInt(`0x${startHex}`);
  const out = new Set<string>();
  for (let bits = 0n; bits <= 128n; bits++) {
    const mask = ALL_ONES ^ ((1n << (128n - bits)) - 1n);
    out.add((v & mask).toString(16).padStart(32, '0'));
  }
  return [...out];
}

function rangeProbe(start: string, end: string): BlocklistProbe['range'] {
  return { start, end, starts: networkStarts(start) };
}

function ipHex(ip: string): string {
  const addr = ipaddr.parse(ip);
  return hex(addr.kind() === 'ipv4' ? (addr as ipaddr.IPv4).toIPv4MappedAddress() : (addr as ipaddr.IPv6));
}

/** Parent names of a host down to two labels: `a.b.evil.example` is listed when `evil.example` is. */
function domainAndParents(domain: string): ExtractedObservable[] {
  const labels = domain.split('.');
  const out: ExtractedObservable[] = [];
  for (let i = 0; i < labels.length - 1; i++) out.push({ type: 'domain', value: labels.slice(i).join('.') });
  return out;
}

/** Which entries would list this observable. */
export function blocklistProbe({ type, value }: ExtractedObservable): BlocklistProbe {
  const self = { type, value };
  switch (type) {
    case 'ipv4':
    case 'ipv6': {
      const h = ipHex(value);
      return { exact: [], range: rangeProbe(h, h) };
    }
    case 'cidr': {
      const { rangeStart, rangeEnd } = cidrRange(value);
      return { exact: [], range: rangeProbe(rangeStart, rangeEnd) };
    }
    case 'domain':
      return { exact: domainAndParents(value), range: null };
    case 'email':
      return { exact: [self, ...domainAndParents(value.split('@')[1] ?? '')], range: null };
    case 'url': {
      const host = new URL(value).hostname.replace(/^\[|\]$/g, '');
      if (isIpAddress(host)) {
        const h = ipHex(host);
        return { exact: [self], range: rangeProbe(h, h) };
      }
      return { exact: [self, ...domainAndParents(host)], range: null };
    }
    default:
      return { exact: [self], range: null };
  }
}
