import { describe, expect, it } from 'vitest';
import {
  isFresh,
  loosestTlp,
  normaliseTags,
  scopeKey,
  sightingsSummary,
} from './incident-observable.rules.ts';
import { normaliseCidr } from './observable-extraction.rules.ts';
import { blocklistProbe, cidrRange, parseBlocklist } from './observable-blocklist.rules.ts';

describe('sightingsSummary', () => {
  it.each<[string[], number, string]>([
    [[], 0, 'not seen elsewhere'],
    [['FB-2026-00012'], 0, 'seen in FB-2026-00012'],
    [[], 1, 'seen in 1 report'],
    [['FB-2026-00012'], 3, 'seen in FB-2026-00012 and 3 reports'],
    [['FB-1', 'FB-2'], 1, 'seen in FB-1, FB-2 and 1 report'],
    [['FB-1', 'FB-2', 'FB-3', 'FB-4', 'FB-5'], 0, 'seen in FB-1, FB-2, FB-3 and 2 more incidents'],
  ])('%j and %i reports → %s', (keys, reports, expected) => {
    expect(sightingsSummary(keys, reports)).toBe(expected);
  });
});

describe('incident observable rules', () => {
  it('takes the loosest marking of the reports carrying an observable', () => {
    expect(loosestTlp(['amber', 'green', 'red'])).toBe('green');
  });
  it('keys the cache by scope, whatever the order of constituencies', () => {
    expect(scopeKey({ constituencies: ['b', 'a'], tlpCeiling: 'amber' })).toBe(
      scopeKey({ constituencies: ['a', 'b'], tlpCeiling: 'amber' }),
    );
    expect(scopeKey({ constituencies: null, tlpCeiling: 'amber' })).not.toBe(
      scopeKey({ constituencies: null, tlpCeiling: 'red' }),
    );
  });
  it('is fresh strictly before expiry', () => {
    expect(isFresh('2026-01-01T00:00:00.000Z', new Date('2025-12-31T23:59:59.999Z'))).toBe(true);
    expect(isFresh('2026-01-01T00:00:00.000Z', new Date('2026-01-01T00:00:00.000Z'))).toBe(false);
  });
  it('trims, de-duplicates and sorts tags', () => {
    expect(normaliseTags([' c2', 'phish', 'c2', ''])).toEqual(['c2', 'phish']);
  });
});

describe('blocklist rules', () => {
  it('reads every kind of entry, normalised, and names every bad line', () => {
    const { entries, issues } = parseBlocklist(
      '198.51.100[.]7\n192.0.2.77/24 # a comment\nEVIL.example\nhxxps://x[.]example/a\n' +
        `${'A'.repeat(64)}\nbad@evil.example\n???\n10.0.0.0/33\n198.51.100.7\n`,
    );
    expect(entries.map((e) => [e.type, e.value])).toEqual([
      ['ipv4', '198.51.100.7'],
      ['cidr', '192.0.2.0/24'],
      ['domain', 'evil.example'],
      ['url', 'https://x.example/a'],
      ['sha256', 'a'.repeat(64)],
      ['email', 'bad@evil.example'],
    ]);
    expect(issues.map((i) => i.path)).toEqual(['body.entries.line7', 'body.entries.line8']);
  });

  it.each(['192.0.2.77/24', '0.0.0.0/0', '255.255.255.255/32', '1.2.3.5/31', '10.20.30.40/8'])(
    'reads the dotted-quad netblock %s exactly as the general path does',
    (line) => {
      const value = normaliseCidr(line)!;
      expect(parseBlocklist(line).entries).toEqual([{ type: 'cidr', value, ...cidrRange(value) }]);
    },
  );

  it('reads a plain IPv4 as a one-address range, and refuses out-of-range forms', () => {
    expect(parseBlocklist('10.0.0.1').entries).toEqual([
      { type: 'ipv4', value: '10.0.0.1', ...cidrRange('10.0.0.1/32') },
    ]);
    expect(parseBlocklist('256.0.0.1\n10.0.0.0/33\n010.0.0.1').issues).toHaveLength(3);
  });

  it('maps IPv4 into the IPv6 space so one range comparison serves both', () => {
    expect(cidrRange('192.0.2.0/24')).toEqual({
      rangeStart: '00000000000000000000ffffc0000200',
      rangeEnd: '00000000000000000000ffffc00002ff',
    });
    expect(cidrRange('2001:db8::/32').rangeEnd).toBe('20010db8ffffffffffffffffffffffff');
  });

  it.each([
    [{ type: 'ipv4', value: '192.0.2.1' }, [], true],
    [
      { type: 'domain', value: 'a.b.evil.example' },
      ['a.b.evil.example', 'b.evil.example', 'evil.example'],
      false,
    ],
    [
      { type: 'email', value: 'x@mail.evil.example' },
      ['x@mail.evil.example', 'mail.evil.example', 'evil.example'],
      false,
    ],
    [{ type: 'url', value: 'http://192.0.2.1/x' }, ['http://192.0.2.1/x'], true],
    [{ type: 'sha1', value: 'b'.repeat(40) }, ['b'.repeat(40)], false],
  ] as const)('probes %j', (observable, exact, hasRange) => {
    const probe = blocklistProbe(observable);
    expect(probe.exact.map((o) => o.value)).toEqual(exact);
    expect(probe.range !== null).toBe(hasRange);
  });
});
