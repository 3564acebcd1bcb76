import { describe, expect, it } from 'vitest';
import { backlogCuts, csvCell, REOPEN_CHANGES, resolvePeriod } from './dashboard.rules.ts';

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

  it('counts only closed → open phase changes as reopenings', () => {
    expect(REOPEN_CHANGES).toContain('{"before":"closed","after":"response"}');
    expect(REOPEN_CHANGES).toContain('{"before":"post_analysis_done","after":"triage"}');
    expect(REOPEN_CHANGES).not.toContain('{"before":"closed","after":"post_analysis_done"}');
    expect(REOPEN_CHANGES).toHaveLength(8);
  });
});
