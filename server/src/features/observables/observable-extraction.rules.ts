import ipaddr from 'ipaddr.js';
import { parse as parseDomain } from 'tldts';
import type { ExtractedObservable, ObservableType } from '#contracts/observables.ts';

/**
 * Pulls observables out of free text (e-mails, alerts, reports), the same way for every channel.
 * Defanged forms (hxxp, [.], (dot), [at]) are refanged first; values are normalised and de-duplicated.
 */
export function extractObservables(text: string): ExtractedObservable[] {
  const found = new Map<string, ExtractedObservable>();
  const add = (type: ObservableType, value: string | null) => {
    if (value) found.set(`${type}:${value}`, { type, value });
  };
  let rest = readable(text);

  rest = consume(rest, URL_RE, (raw) => {
    const url = normaliseUrl(raw);
    add('url', url?.href ?? null);
    if (url) addHost(url.hostname, add);
    if (url?.search) addWrapped(url, add);
  });
  rest = consume(rest, EMAIL_RE, (raw) => add('email', normaliseEmail(raw)));
  rest = consume(rest, CIDR_RE, (raw) => add('cidr', normaliseCidr(raw)));
  rest = consume(rest, IPV6_RE, (raw) => add('ipv6', normaliseIp(raw, 'ipv6')));
  rest = consume(rest, IPV4_RE, (raw) => add('ipv4', normaliseIp(raw, 'ipv4')));
  rest = consume(rest, CVE_RE, (raw) => add('cve', raw.toUpperCase()));
  rest = consume(rest, ASN_RE, (raw) => add('asn', normaliseAsn(raw)));
  for (const [re, type] of HASHES) rest = consume(rest, re, (raw) => add(type, raw.toLowerCase()));
  consume(rest, DOMAIN_RE, (raw) => add('domain', normaliseDomain(raw)));
  return [...found.values()];
}

// Square brackets: an IPv6 host, or a pair without a slash in the query (`?a[]=1`); any other bracket
// ends the URL, so BBCode (`[url=…]…[/url]`) and wiki links leave their markup behind.
// Message identifiers look like addresses (`<id@mx.example>`) but name no mailbox: on quoted header
// lines that carry them (folded ones too) they are left out, and nothing else on those lines.
const MESSAGE_ID_HEADER =
  /^[ \t>]*(?:Message-ID|In-Reply-To|References|Content-ID|Resent-Message-ID):[^\n]*(?:\n[ \t]+[^\n]*)*/gim;
const MESSAGE_ID = /<[^<>\s@]+@[^<>\s]+>/g;
const blank = (match: string) => ' '.repeat(match.length);
const URL_RE =
  /\b(?:https?|ftp):\/\/(?:\[[0-9a-f:.]+\])?(?:[^\s<>"'`{}|\\^[\]]|\[[^\s<>"'`{}|\\^[\]/]*\])+/gi;
const EMAIL_RE = /\b[a-z0-9._%+-]+@(?:[a-z0-9-]+\.)+[a-z]{2,63}\b/gi;
const CIDR_RE = /(?<![\w.:])(?:(?:\d{1,3}\.){3}\d{1,3}|[0-9a-f]*:[0-9a-f:]+)\/\d{1,3}\b/gi;
const IPV6_RE = /(?<![\w:.])(?:[0-9a-f]{0,4}:){2,7}(?:[0-9a-f]{1,4}|(?:\d{1,3}\.){3}\d{1,3})?(?![\w:])/gi;
const IPV4_RE = /(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w]|\.\d)/g;
const CVE_RE = /\bCVE-\d{4}-\d{4,7}\b/gi;
const ASN_RE = /\bASN?\s?\d{1,10}\b/gi;
const HASHES: [RegExp, ObservableType][] = [
  [/\b[a-f0-9]{64}\b/gi, 'sha256'],
  [/\b[a-f0-9]{40}\b/gi, 'sha1'],
  [/\b[a-f0-9]{32}\b/gi, 'md5'],
];
const DOMAIN_RE = /\b(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]\b/gi;

/** Reverses the usual defanging so `hxxps://evil[.]example` is read as the URL it stands for. */
export function refang(text: string): string {
  return text
    .replace(/\bhxxp(s?)(\[?:\]?)\/\//gi, 'http$1://')
    .replace(/\bfxp:\/\//gi, 'ftp://')
    .replace(/\[:\/\/\]/g, '://')
    .replace(/\s?(?:\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)|\{dot\})\s?/gi, '.')
    .replace(/\s?(?:\[@\]|\(@\)|\[at\]|\(at\)|\{at\})\s?/gi, '@')
    .replace(/\[:\]/g, ':');
}

/** The text as the patterns read it: refanged, message identifiers blanked. */
function readable(text: string): string {
  return refang(text).replace(MESSAGE_ID_HEADER, (line) => line.replace(MESSAGE_ID, blank));
}

/** Calls `each` for every match and blanks it out, so later, looser patterns do not see it again. */
function consume(text: string, re: RegExp, each: (raw: string) => void): string {
  return text.replace(re, (raw) => {
    each(raw);
    return blank(raw);
  });
}

/** A URL found in text: trailing punctuation belongs to the sentence, not the URL. */
function normaliseUrl(raw: string): URL | null {
  return parseUrl(raw.replace(/[.,;:!?)\]}'">]+$/, ''));
}

/** An http(s) or ftp URL with a host, as the WHATWG URL parser writes it; null otherwise. */
export function parseUrl(raw: string): URL | null {
  try {
    const url = new URL(raw);
    return url.hostname && /^(?:https?|ftp):$/.test(url.protocol) ? url : null;
  } catch {
    return null;
  }
}

/**
 * `ipaddr.isValid` without its cost on the common case: for a host name it throws and catches an
 * error inside, which dominated report ingest profiles. Same answers.
 */
export function isIpAddress(text: string): boolean {
  return ipaddr.IPv4.isIPv4(text) ? ipaddr.IPv4.isValid(text) : ipaddr.IPv6.isValid(text);
}

// Query values that are a URL, or a host and path without a scheme (`u=evil.example/login.php`).
const WRAPPED_HOST =
  /^((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9])\.?(?::\d{1,5})?(?:[/?#]|$)/i;
const WRAPPED_MAX = 20;

/**
 * The targets a URL carries in its query: redirectors and proxies phishing hides behind (Google
 * Translate's `u=`, `url?q=`, Safe Links, tracking redirects) take the real page as a parameter, and
 * blanking the whole URL left its host unseen. One level deep, at most 20 parameters.
 */
function addWrapped(url: URL, add: (type: ObservableType, value: string | null) => void): void {
  let seen = 0;
  for (const value of url.searchParams.values()) {
    if (++seen > WRAPPED_MAX) break;
    const target = value.trim();
    const inner = /^(?:https?|ftp):\/\//i.test(target) ? normaliseUrl(target) : null;
    if (inner) {
      add('url', inner.href);
      addHost(inner.hostname, add);
      continue;
    }
    const host = WRAPPED_HOST.exec(target)?.[1];
    if (host) add('domain', normaliseDomain(host));
  }
}

function addHost(host: string, add: (type: ObservableType, value: string | null) => void): void {
  const bare = host.replace(/^\[|\]$/g, '');
  if (isIpAddress(bare))
    add(bare.includes(':') ? 'ipv6' : 'ipv4', normaliseIp(bare, bare.includes(':') ? 'ipv6' : 'ipv4'));
  else add('domain', normaliseDomain(bare));
}

export function normaliseEmail(raw: string): string | null {
  const [local, domain] = raw.toLowerCase().split('@');
  return local && domain && normaliseDomain(domain) ? `${local}@${domain}` : null;
}

/** Canonical IP text (RFC 5952 for IPv6); IPv4-mapped IPv6 becomes plain IPv4 elsewhere, not here. */
export function normaliseIp(raw: string, type: 'ipv4' | 'ipv6'): string | null {
  if (type === 'ipv4')
    return ipaddr.IPv4.isValidFourPartDecimal(raw) ? ipaddr.IPv4.parse(raw).toString() : null;
  if (!ipaddr.IPv6.isValid(raw) || raw === '::') return null;
  return ipaddr.IPv6.parse(raw).toRFC5952String();
}

/** A CIDR with its host bits cleared: `192.0.2.77/24` is the netblock `192.0.2.0/24`. */
export function normaliseCidr(raw: string): string | null {
  try {
    const [addr, bits] = ipaddr.parseCIDR(raw);
    if (addr.kind() === 'ipv6') return `${ipaddr.IPv6.networkAddressFromCIDR(raw).toRFC5952String()}/${bits}`;
    // ipaddr also reads "10.1" or octal forms as IPv4; only dotted quads are netblocks here.
    if (!ipaddr.IPv4.isValidFourPartDecimal(raw.split('/')[0]!)) return null;
    return `${ipaddr.IPv4.networkAddressFromCIDR(raw).toString()}/${bits}`;
  } catch {
    return null;
  }
}

/**
 * Special-use names outside the PSL that still stand for outside hosts in reports: Tor services
 * (RFC 7686) and the RFC 2606 names of exercises and sanitised reports. Internal zones (.internal,
 * .local) name the constituency's own hosts: they match constituencies (hostCandidates) but are no
 * indicators to share.
 */
const SPECIAL_USE = /\.(onion|example|test|invalid)$/;

/** A registrable host name under a public suffix (PSL) or a special-use zone, lower-case, without a trailing dot. */
export function normaliseDomain(raw: string): string | null {
  const host = raw.toLowerCase().replace(/\.$/, '');
  if (SPECIAL_USE.test(host) && /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host)) return host;
  const parsed = parseDomain(host, { allowPrivateDomains: true });
  if (!parsed.domain || parsed.isIp || !(parsed.isIcann || parsed.isPrivate)) return null;
  return host;
}

export function normaliseAsn(raw: string): string | null {
  const n = Number(raw.replace(/\D/g, ''));
  return Number.isSafeInteger(n) && n > 0 && n <= 4_294_967_295 ? `AS${n}` : null;
}

/**
 * Every well-formed host name in the text, public suffix or not: for matching against a constituency's
 * own zones (corp.internal), where a file-name false positive does no harm because nothing owns it.
 */
export function hostCandidates(text: string): string[] {
  return [...new Set([...readable(text).matchAll(DOMAIN_RE)].map((m) => m[0].toLowerCase()))];
}
