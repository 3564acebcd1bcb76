import { describe, expect, it } from 'vitest';
import { formatDuration, formatLocal, formatRelative, formatUtc } from './time.ts';

describe('time formatting', () => {
  it('shows UTC to the second', () => {
    expect(formatUtc('2026-03-01T08:04:05.123Z')).toBe('2026-03-01 08:04:05 UTC');
    expect(formatUtc('2026-03-01T09:04:05+01:00')).toBe('2026-03-01 08:04:05 UTC');
  });

  it('passes through what is not a time rather than showing "Invalid Date"', () => {
    expect(formatUtc('soon')).toBe('soon');
    expect(formatLocal('soon')).toBe('soon');
  });

  it('shows local time in ISO order, 24-hour, with the zone', () => {
    expect(formatLocal('2026-03-01T20:04:05Z')).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \S+/);
    expect(formatLocal('2026-03-01T20:04:05Z')).not.toMatch(/PM|AM/);
  });

  it.each([
    [20_000, '<1 min'],
    [42 * 60_000, '42 min'],
    [3 * 3_600_000, '3 h'],
    [3 * 3_600_000 + 5 * 60_000, '3 h 5 min'],
    [2 * 86_400_000 + 4 * 3_600_000 + 59 * 60_000, '2 d 4 h'],
    [-42 * 60_000, '42 min'],
  ])('shows %i ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('says whether a time is ahead or behind', () => {
    const now = new Date('2026-03-01T10:00:00Z');
    expect(formatRelative('2026-03-01T10:42:00Z', now)).toBe('in 42 min');
    expect(formatRelative('2026-03-01T07:00:00Z', now)).toBe('3 h ago');
    expect(formatRelative('soon', now)).toBe('soon');
    expect(formatRelative('2026-02-23T10:00:00Z', now)).toBe('6 d ago');
    // A week or more away: the local date, as no one reads `1004 d 7 h ago`.
    expect(formatRelative('2023-08-14T12:00:00Z', now)).toMatch(/^2023-08-1[45]$/);
    expect(formatRelative('2026-04-01T12:00:00Z', now)).toMatch(/^2026-04-0[12]$/);
  });
});
