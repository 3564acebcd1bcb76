import { describe, expect, it } from 'vitest';
import type { Tlp } from '#contracts/identity.ts';
import type { AffectedAsset } from '#contracts/notes.ts';
import { analysisChanges, assetIssues, assetStates, emptyImpact, noteTlpIssues } from './note.rules.ts';

const asset = (name: string, over: Partial<AffectedAsset> = {}): AffectedAsset => ({
  name,
  identifier: '',
  kind: 'server',
  owner: '',
  state: 'affected',
  ...over,
});
const content = (over = {}) => ({
  rootCause: '',
  assets: [] as AffectedAsset[],
  impact: emptyImpact,
  ...over,
});

describe('note rules', () => {
  it.each<[Tlp | null, Tlp, Tlp, number]>([
    [null, 'amber', 'green', 0],
    ['red', 'amber', 'red', 0],
    ['amber', 'amber', 'amber', 0],
    ['red', 'amber', 'amber', 1],
    ['green', 'amber', 'red', 1],
    ['clear', 'red', 'green', 1],
  ])('note TLP %s on a TLP:%s incident, reader ceiling %s: %i problems', (tlp, incident, ceiling, n) => {
    expect(noteTlpIssues(tlp, incident, { constituencies: null, tlpCeiling: ceiling })).toHaveLength(n);
  });

  it('names every asset listed twice, ignoring case', () => {
    const issues = assetIssues([
      asset('Mail server', { identifier: 'mx1' }),
      asset('mail SERVER', { identifier: 'MX1' }),
      asset('Mail server', { identifier: 'mx2' }),
      asset('Mail server', { identifier: 'mx2', state: 'recovered' }),
    ]);
    expect(issues.map((i) => i.path)).toEqual(['body.assets.1', 'body.assets.3']);
    expect(issues[0]?.message).toContain('also at 1');
  });

  it.each([
    [content(), content(), []],
    [content(), content({ rootCause: 'Unpatched VPN' }), ['root cause']],
    [content(), content({ assets: [asset('a')] }), ['affected assets (0 → 1)']],
    [
      content({ assets: [asset('a')] }),
      content({ assets: [asset('a', { state: 'contained' })] }),
      ['affected assets'],
    ],
    [
      content(),
      content({ rootCause: 'x', impact: { ...emptyImpact, availability: 'high' } }),
      ['root cause', 'impact'],
    ],
  ])('analysis change %#', (before, after, expected) => {
    expect(analysisChanges(before, after)).toEqual(expected);
  });

  it('counts assets per state', () => {
    expect(assetStates([asset('a'), asset('b', { state: 'recovered' }), asset('c')])).toEqual({
      affected: 2,
      recovered: 1,
    });
  });
});
