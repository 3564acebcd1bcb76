import { describe, expect, it } from 'vitest';
import { ConstituencyMatcher, type OwnedAsset } from './constituency-matcher.ts';
import { normaliseAssets } from './constituency.rules.ts';

const assets: OwnedAsset[] = [
  { constituencyId: 'isp', kind: 'cidr', value: '198.51.0.0/16' },
  { constituencyId: 'hospital', kind: 'cidr', value: '198.51.100.0/24' },
  { constituencyId: 'lab', kind: 'cidr', value: '198.51.100.128/25' },
  { constituencyId: 'uni', kind: 'cidr', value: '2001:db8::/32' },
  { constituencyId: 'uni-cs', kind: 'cidr', value: '2001:db8:1::/48' },
  { constituencyId: 'gov', kind: 'domain', value: 'gov.example' },
  { constituencyId: 'city', kind: 'domain', value: 'city.gov.example' },
  { constituencyId: 'isp', kind: 'asn', value: 'AS64500' },
];
const matcher = new ConstituencyMatcher(assets);
const who = (m: { constituencyId: string } | null) => m?.constituencyId ?? null;

describe('constituency matching', () => {
  it.each([
    ['198.51.7.1', 'isp'],
    ['198.51.100.5', 'hospital'],
    ['198.51.100.200', 'lab'],
    ['::ffff:198.51.100.200', 'lab'],
    ['203.0.113.1', null],
    ['2001:db8:1::42', 'uni-cs'],
    ['2001:db8:2::42', 'uni'],
    ['2001:db9::1', null],
  ])('IP %s belongs to %s (longest prefix wins)', (ip, expected) => {
    expect(who(matcher.matchIp(ip))).toBe(expected);
  });

  it.each([
    ['gov.example', 'gov'],
    ['www.gov.example', 'gov'],
    ['mail.city.gov.example', 'city'],
    ['notgov.example', null],
  ])('domain %s belongs to %s (subdomains covered, most specific wins)', (domain, expected) => {
    expect(who(matcher.matchDomain(domain))).toBe(expected);
  });

  it('matches URLs, e-mail addresses and ASNs through their parts', () => {
    expect(
      who(matcher.matchObservable({ type: 'url', value: 'https://portal.city.gov.example/login' })),
    ).toBe('city');
    expect(who(matcher.matchObservable({ type: 'url', value: 'http://[2001:db8:1::5]/x' }))).toBe('uni-cs');
    expect(who(matcher.matchObservable({ type: 'email', value: 'clerk@city.gov.example' }))).toBe('city');
    expect(who(matcher.matchObservable({ type: 'asn', value: 'AS64500' }))).toBe('isp');
  });

  it('picks the constituency most observables point to, and reports every match', () => {
    const result = matcher.matchAll([
      { type: 'ipv4', value: '198.51.100.5' },
      { type: 'domain', value: 'www.gov.example' },
      { type: 'ipv4', value: '198.51.100.6' },
    ]);
    expect(who(result.best)).toBe('hospital');
    expect(result.matches.map((m) => m.constituencyId)).toEqual(['hospital', 'gov', 'hospital']);
  });

  it('normalises assets and names every invalid one', () => {
    const { assets: normal, issues } = normaliseAssets([
      { kind: 'cidr', value: '10.1.2.3/8' },
      { kind: 'cidr', value: '192.0.2.1' },
      { kind: 'cidr', value: '10.0.0.0/33' },
      { kind: 'domain', value: '*.Example.ORG' },
      { kind: 'domain', value: 'not a domain' },
      { kind: 'asn', value: 'asn 64500' },
      { kind: 'cidr', value: '10.0.0.0/8' },
    ]);
    expect(normal).toEqual([
      { kind: 'cidr', value: '10.0.0.0/8' },
      { kind: 'cidr', value: '192.0.2.1/32' },
      { kind: 'domain', value: 'example.org' },
      { kind: 'asn', value: 'AS64500' },
    ]);
    expect(issues.map((i) => i.path)).toEqual(['body.assets.2.value', 'body.assets.4.value']);
  });
});
