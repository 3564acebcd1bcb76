import { describe, expect, it } from 'vitest';
import type { ObservableType } from '#contracts/observables.ts';
import { extractObservables } from './observable-extraction.rules.ts';
import { normaliseObservable } from './observable-normalisation.rules.ts';

describe('normaliseObservable', () => {
  it.each<[ObservableType, string, string | null]>([
    ['ipv4', ' 198.51.100.7 ', '198.51.100.7'],
    ['ipv4', '203.0.113[.]9', '203.0.113.9'],
    ['ipv4', '300.1.1.1', null],
    ['ipv4', '10.1', null],
    ['ipv4', '2001:db8::1', null],
    ['ipv6', '2001:0DB8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['ipv6', '::', null],
    ['cidr', '192.0.2.77/24', '192.0.2.0/24'],
    ['cidr', '10.0.0.0/33', null],
    ['domain', 'EVIL.example.com.', 'evil.example.com'],
    ['domain', 'evil[.]co[.]uk', 'evil.co.uk'],
    ['domain', 'dc01.corp.internal', null],
    ['domain', 'not a domain', null],
    [
      'url',
      'hxxps://login-secure[.]example[.]com/verify?id=1',
      'https://login-secure.example.com/verify?id=1',
    ],
    ['url', 'HTTP://Example.COM', 'http://example.com/'],
    ['url', 'javascript:alert(1)', null],
    ['url', 'example.com/path', null],
    ['email', 'Billing[at]Example[.]com', 'billing@example.com'],
    ['email', 'a@b@example.com', null],
    ['email', 'user@localhost', null],
    ['md5', 'D41D8CD98F00B204E9800998ECF8427E', 'd41d8cd98f00b204e9800998ecf8427e'],
    ['md5', 'd41d8cd98f00b204e9800998ecf8427', null],
    ['sha1', 'b'.repeat(40), 'b'.repeat(40)],
    ['sha1', 'z'.repeat(40), null],
    ['sha256', 'C'.repeat(64), 'c'.repeat(64)],
    ['sha256', 'c'.repeat(63), null],
    ['cve', 'cve-2021-44228', 'CVE-2021-44228'],
    ['cve', 'CVE-21-4428', null],
    ['asn', 'AS64500', 'AS64500'],
    ['asn', 'asn 64501', 'AS64501'],
    ['asn', '64502', 'AS64502'],
    ['asn', 'AS0', null],
    ['asn', 'AS64500 and more', null],
  ])('%s %j → %j', (type, value, expected) => {
    expect(normaliseObservable(type, value)).toBe(expected);
  });

  it('writes every value exactly as extraction does', () => {
    const text =
      'from 2001:0DB8::0001 and 198.51.100[.]7 via hxxp://Evil.example.com/a mail Bob@Example.org ' +
      `${'A'.repeat(64)} CVE-2024-0001 AS 64500 net 192.0.2.9/24`;
    for (const o of extractObservables(text)) expect(normaliseObservable(o.type, o.value)).toBe(o.value);
  });
});
