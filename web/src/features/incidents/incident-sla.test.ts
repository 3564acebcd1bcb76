import { describe, expect, it } from 'vitest';
import type { SlaClock } from '#contracts/incidents.ts';
import { nextDue, runningClock, slaOf, slaState } from './incident-sla.ts';

const now = new Date('2026-03-01T10:00:00Z');
const clock = (c: Partial<SlaClock>): SlaClock => ({
  dueAt: '2026-03-01T12:00:00Z',
  doneAt: null,
  warnedAt: null,
  breachedAt: null,
  ...c,
});

describe('SLA clocks', () => {
  it.each([
    ['ok', clock({})],
    ['due_soon', clock({ dueAt: '2026-03-01T10:20:00Z' })],
    ['due_soon', clock({ warnedAt: '2026-03-01T09:00:00Z' })],
    ['breached', clock({ dueAt: '2026-03-01T09:59:00Z' })],
    ['breached', clock({ breachedAt: '2026-03-01T09:00:00Z' })],
    ['met', clock({ doneAt: '2026-03-01T09:00:00Z' })],
    ['late', clock({ doneAt: '2026-03-01T13:00:00Z' })],
  ])('%s', (state, c) => {
    expect(slaState(c, now)).toBe(state);
  });

  it('has no clocks without the field', () => {
    expect(slaOf({ sla: null })).toBeNull();
    expect(slaOf({} as { sla: null })).toBeNull();
  });

  it('runs the response clock first, then resolution', () => {
    const sla = { response: clock({}), resolution: clock({ dueAt: '2026-03-02T10:00:00Z' }) };
    expect(runningClock(sla)?.name).toBe('response');
    const answered = { ...sla, response: clock({ doneAt: '2026-03-01T09:00:00Z' }) };
    expect(runningClock(answered)?.name).toBe('resolution');
    expect(nextDue({ sla: answered })).toBe(Date.parse('2026-03-02T10:00:00Z'));
    expect(nextDue({ sla: null })).toBeNull();
  });
});
