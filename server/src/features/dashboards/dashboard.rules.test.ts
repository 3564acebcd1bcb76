import { describe, expect, it } from 'vitest';
import {
  backlogCuts,
  csvCell,
  durationFigures,
  nearestRank,
  resolvePeriod,
  type DurationSample,
} from './dashboard.rules.ts';

describe('dashboard rules', () => {
  it.each([
    ['plain', 'plain'],
    ['=1+2', "'=1+2"],
    ['+cmd', "'+cmd"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['a,b', '"a,b"'],
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['line\nbreak', '"line\nbreak"'],
  ])('writes the cell %j as %j', (input, output) => expect(csvCell(input)).toBe(output));

  it('leaves numbers and empty values alone', () => {
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(0.25)).toBe('0.25');
    expect(csvCell(null)).toBe('');
  });

  it('defaults the period to the 30 days before now and refuses a reversed one', () => {
    const now = new Date('2026-03-31T12:00:00Z');
    expect(resolvePeriod({}, now)).toEqual({
      from: '2026-03-01T12:00:00.000Z',
      to: '2026-03-31T12:00:00.000Z',
    });
    expect(resolvePeriod({ from: '2026-03-31T12:00:00Z', to: '2026-03-01T00:00:00Z' }, now)).toHaveProperty(
      'problem',
    );
  });

  it('cuts the backlog at 1, 7, 30 and 90 days', () => {
    const cuts = backlogCuts(new Date('2026-03-31T00:00:00Z'));
    expect(cuts.map((c) => c.createdAfter)).toEqual([
      '2026-03-30T00:00:00.000Z',
      '2026-03-24T00:00:00.000Z',
      '2026-03-01T00:00:00.000Z',
      '2025-12-31T00:00:00.000Z',
      null,
    ]);
  });

  it.each([
    // n, p → rank ⌈n·p/100⌉ (1-based), on the values 1…n
    [1, 50, 1],
    [1, 90, 1],
    [2, 50, 1],
    [3, 50, 2],
    [10, 90, 9],
    [11, 90, 10],
    [70, 90, 63], // 0.9 × 70 is 63.000…01 in floating point: a float ceil would give 64
    [100, 50, 50],
    [101, 50, 51],
  ])('takes the nearest rank of %i values at p%i: rank %i', (n, p, rank) => {
    const shuffled = Float64Array.from({ length: n }, (_, i) => ((i * 37) % n) + 1);
    expect(nearestRank(shuffled, p)).toBe(rank);
  });

  it('selects what sorting would, ties and repeated selections included', () => {
    let seed = 1;
    const random = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
    for (let round = 0; round < 200; round++) {
      const n = 1 + Math.floor(random() * 300);
      // Few distinct values in half the rounds: many ties around the rank.
      const spread = round % 2 ? 5 : 1e6;
      const values = Float64Array.from({ length: n }, () => Math.floor(random() * spread));
      const sorted = Float64Array.from(values).sort();
      for (const p of [50, 90, 1, 100])
        expect(nearestRank(values, p)).toBe(sorted[Math.ceil((n * p) / 100 - 1e-9) - 1]);
    }
  });

  it('computes each measure per group, skipping durations not reached', () => {
    const sample = (triage: number | null, cls: string | null, handler: string | null): DurationSample => ({
      triage,
      acknowledge: null,
      resolve: 5,
      class: cls,
      constituency: null,
      handler,
    });
    const samples = [
      sample(30, 'fraud', 'h1'),
      sample(10, 'fraud', null),
      sample(null, null, 'h1'),
      sample(20, null, 'h1'),
    ];
    const rows = durationFigures(samples, true);
    const row = (measure: string, by: string, group: string) =>
      rows.find((r) => r.measure === measure && r.by === by && r.group === group);
    expect(row('triage', 'all', '')).toEqual({
      measure: 'triage',
      by: 'all',
      group: '',
      count: 3,
      median: 20,
      p90: 30,
    });
    expect(row('triage', 'class', 'fraud')).toMatchObject({ count: 2, median: 10, p90: 30 });
    expect(row('triage', 'class', '')).toMatchObject({ count: 1, median: 20, p90: 20 });
    expect(row('triage', 'handler', 'h1')).toMatchObject({ count: 2, median: 20, p90: 30 });
    expect(row('resolve', 'constituency', '')).toMatchObject({ count: 4, median: 5, p90: 5 });
    expect(rows.some((r) => r.measure === 'acknowledge')).toBe(false);
    expect(durationFigures(samples, false).map((r) => `${r.measure}/${r.by}`)).toEqual([
      'triage/all',
      'resolve/all',
    ]);
  });
});
