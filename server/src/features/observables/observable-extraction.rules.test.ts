import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ExtractedObservable } from '#contracts/observables.ts';
import { extractObservables, normaliseCidr, refang } from './observable-extraction.rules.ts';

const samples = new URL('../../../../../shared/samples/', import.meta.url);
const sample = (path: string) => readFileSync(new URL(path, samples), 'utf8');
const values = (items: ExtractedObservable[], type: string) =>
  items
    .filter((o) => o.type === type)
    .map((o) => o.value)
    .sort();

describe('observable extraction', () => {
  it.each([
    ['plain IPv4 with a port', 'scan from 198.51.100.7:443 seen', 'ipv4', ['198.51.100.7']],
    ['defanged IPv4', 'C2 at 203.0.113[.]9', 'ipv4', ['203.0.113.9']],
    ['not an IP: version or out-of-range octets', 'v1.2.3 and 300.1.1.1 and 10.2.4', 'ipv4', []],
    [
      'IPv6, normalised to RFC 5952',
      'from 2001:0DB8:0000:0000:0000:0000:0000:0001 port 22',
      'ipv6',
      ['2001:db8::1'],
    ],
    ['not IPv6: a time of day or a MAC', 'at 12:30:45 from 00:1a:2b:3c:4d:5e', 'ipv6', []],
    [
      'CIDR with host bits cleared',
      'block 192.0.2.77/24 and 2001:db8:abcd::/48',
      'cidr',
      ['192.0.2.0/24', '2001:db8:abcd::/48'],
    ],
    [
      'defanged URL',
      'visit hxxps://login-secure[.]example[.]com/verify?id=1.',
      'url',
      ['https://login-secure.example.com/verify?id=1'],
    ],
    [
      'URL in BBCode or wiki markup, without the markup',
      '[url=http://evil.example/a]http://evil.example/b[/url] [http://evil.example/c label]',
      'url',
      ['http://evil.example/a', 'http://evil.example/b', 'http://evil.example/c'],
    ],
    [
      'URL with an IPv6 host or bracketed query keys',
      'see http://[2001:db8::1]:8080/x and http://evil.example/p.php?ids[]=1&k[a]=2',
      'url',
      ['http://[2001:db8::1]:8080/x', 'http://evil.example/p.php?ids[]=1&k[a]=2'],
    ],
    ['URL host becomes a domain', 'hxxp://evil(dot)co(dot)uk/x', 'domain', ['evil.co.uk']],
    [
      'host a redirector carries without a scheme, not file names or mailboxes',
      'https://translate.google.com/translate?sl=auto&u=login.evil.example/auth.php?a=1&f=x.pdf&e=a@b.example',
      'domain',
      ['login.evil.example', 'translate.google.com'],
    ],
    [
      'URL a redirector carries, encoded',
      'https://www.google.com/url?q=https%3A%2F%2Fevil.example%2Fx%3Fid%3D1&sa=D',
      'url',
      [
        'https://evil.example/x?id=1',
        'https://www.google.com/url?q=https%3A%2F%2Fevil.example%2Fx%3Fid%3D1&sa=D',
      ],
    ],
    [
      'domain under a public suffix only',
      'files invoice.pdf, setup.exe and www.example.org',
      'domain',
      ['www.example.org'],
    ],
    [
      'special-use names: Tor and RFC 2606, not internal zones',
      'beacon to abcdefghijklmnop.onion and phish.bad.example from dc01.corp.internal; not notes.txt',
      'domain',
      ['abcdefghijklmnop.onion', 'phish.bad.example'],
    ],
    [
      'no e-mail from message identifiers in quoted headers',
      'From: evil@bad.example\nMessage-ID: <a1.b2@mx.bad.example>\n> References: <x@y.example>\n <z@w.example>\nbody',
      'email',
      ['evil@bad.example'],
    ],
    [
      'a References heading keeps its links and CVEs (only message identifiers are left out)',
      'References: https://evil.example/payload.exe, CVE-2024-1234\n  http://203.0.113.7/b <m1@mx.example>',
      'url',
      ['http://203.0.113.7/b', 'https://evil.example/payload.exe'],
    ],
    ['e-mail at an RFC 2606 domain', 'mail from evil@bad.example', 'email', ['evil@bad.example']],
    [
      'e-mail, lower-cased, defanged',
      'reply to Billing[at]Example[.]com now',
      'email',
      ['billing@example.com'],
    ],
    [
      'hashes by length',
      `md5 ${'A'.repeat(32)} sha1 ${'b'.repeat(40)} sha256 ${'c'.repeat(64)}`,
      'sha256',
      ['c'.repeat(64)],
    ],
    ['CVE upper-cased', 'exploits cve-2021-44228 (Log4Shell)', 'cve', ['CVE-2021-44228']],
    [
      'ASN in its forms',
      'announced by AS64500, ASN 64501 and AS 64502',
      'asn',
      ['AS64500', 'AS64501', 'AS64502'],
    ],
  ])('%s', (_name, text, type, expected) => {
    expect(values(extractObservables(text), type)).toEqual(expected);
  });

  it('de-duplicates equal observables in different spellings', () => {
    const items = extractObservables('198.51.100.7, 198.51.100[.]7 and EVIL.example.com, evil.example.com');
    expect(values(items, 'ipv4')).toEqual(['198.51.100.7']);
    expect(values(items, 'domain')).toEqual(['evil.example.com']);
  });

  it('keeps md5 and sha1 apart from the longer hashes that contain them', () => {
    const items = extractObservables(`${'d'.repeat(64)} ${'e'.repeat(32)}`);
    expect(values(items, 'md5')).toEqual(['e'.repeat(32)]);
    expect(values(items, 'sha1')).toEqual([]);
  });

  it('refangs the usual forms', () => {
    expect(refang('hxxps[:]//a[.]b (dot) c user[at]x{.}y')).toBe('https://a.b.c user@x.y');
  });

  it('normalises netblocks and rejects malformed ones', () => {
    expect(normaliseCidr('10.1.2.3/8')).toBe('10.0.0.0/8');
    expect(normaliseCidr('10.0.0.0/33')).toBeNull();
    expect(normaliseCidr('10.1/8')).toBeNull();
  });

  it('reads a real abuse report e-mail (AbuseHub / Shadowserver)', () => {
    const items = extractObservables(sample('email/abuseio/abusehub/Abusehub_Example_1.eml'));
    expect(values(items, 'ipv4')).toContain('172.16.10.13');
    expect(values(items, 'domain')).toEqual(
      expect.arrayContaining(['hub-p1.abusehub.nl', 'maps.google.com']),
    );
    expect(values(items, 'email')).toContain('reports@reports.abusehub.nl');
    // `.tld` is no public suffix: the placeholder address is not an observable.
    expect(values(items, 'email')).not.toContain('abuse@isp.tld');
  });

  it('reads a real Wazuh alert without mistaking compliance ids for addresses', () => {
    const line = sample('telemetry/wazuh/wazuh-dashboard-plugins-sample-alerts.jsonl').split('\n')[0]!;
    const items = extractObservables(line);
    expect(values(items, 'ipv4')).toEqual(expect.arrayContaining(['10.0.1.50', '49.88.112.73']));
    expect(values(items, 'ipv4')).not.toContain('10.2.4');
    expect(values(items, 'domain')).not.toContain('ip-10-0-0-219.us-west-1.compute.internal');
  });

  it('finds CVEs in real product telemetry', () => {
    const text = sample('telemetry/sekoia-intake-formats/raw-messages.jsonl');
    const cves = values(extractObservables(text), 'cve');
    expect(cves).toEqual(expect.arrayContaining(['CVE-1999-0063', 'CVE-2023-44352']));
  });
});
