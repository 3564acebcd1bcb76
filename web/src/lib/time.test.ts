import { describe, expect, it } from 'vitest';
import { formatLocal, formatUtc } from './time.ts';

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
});
