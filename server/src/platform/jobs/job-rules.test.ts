import { describe, expect, it } from 'vitest';
import { describeError, jobOutcome, nextCronTime, retryDelayMs } from './job-rules.ts';

describe('retryDelayMs', () => {
  it.each([
    // attempt, random, expected ms
    [1, 0.5, 5_000],
    [2, 0.5, 10_000],
    [3, 0, 16_000], // 20 s less 20 %
    [3, 1, 24_000], // 20 s plus 20 %
    [20, 0.5, 3_600_000], // capped at an hour
  ])('attempt %i with random %f waits %i ms', (attempt, random, expected) => {
    expect(retryDelayMs(attempt, () => random)).toBe(expected);
  });
});

describe('nextCronTime', () => {
  it.each([
    ['* * * * *', '2026-01-01T00:00:30Z', '2026-01-01T00:01:00.000Z'],
    ['* * * * *', '2026-01-01T00:01:00Z', '2026-01-01T00:02:00.000Z'], // strictly after
    ['17 * * * *', '2026-01-01T10:20:00Z', '2026-01-01T11:17:00.000Z'],
    ['0 3 * * *', '2026-03-29T02:30:00Z', '2026-03-29T03:00:00.000Z'], // UTC: no DST gap
  ])('%s after %s is %s', (cron, after, expected) => {
    expect(nextCronTime(cron, new Date(after)).toISOString()).toBe(expected);
  });

  it('rejects a malformed expression', () => {
    expect(() => nextCronTime('every tuesday', new Date())).toThrow();
  });
});

describe('jobOutcome', () => {
  const at = new Date('2026-01-01T00:00:00Z');
  const half = () => 0.5;

  it.each([
    [{ attempts: 1, max_attempts: 3 }, null, { status: 'done', finished_at: at.toISOString() }],
    [
      { attempts: 1, max_attempts: 3 },
      new Error('down'),
      { status: 'queued', run_at: '2026-01-01T00:00:05.000Z', last_error: 'Error: down' },
    ],
    [
      { attempts: 3, max_attempts: 3 },
      new TypeError('bad'),
      { status: 'dead', finished_at: at.toISOString(), last_error: 'TypeError: bad' },
    ],
    [
      { attempts: 4, max_attempts: 3 }, // reclaimed after its node died on the last attempt
      'lease expired',
      { status: 'dead', finished_at: at.toISOString(), last_error: 'lease expired' },
    ],
  ])('%o ending with %s', (job, error, expected) => {
    expect(jobOutcome(job, error, at, half)).toEqual(expected);
  });
});

describe('describeError', () => {
  it('bounds the stored text', () => {
    expect(describeError(new Error('x'.repeat(5000)))).toHaveLength(2000);
  });
});
