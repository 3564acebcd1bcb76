import { describe, expect, it } from 'vitest';
import type { Incident, SlaClock } from '#contracts/incidents.ts';
import { queueOrder } from './queue-order.ts';

const clock = (dueAt: string, doneAt: string | null = null): SlaClock => ({
  dueAt,
  doneAt,
  warnedAt: null,
  breachedAt: null,
});
const row = (
  id: string,
  priority: Incident['priority'],
  createdAt: string,
  responseDue?: string,
): Pick<Incident, 'priority' | 'sla' | 'createdAt'> & { id: string } => ({
  id,
  priority,
  createdAt,
  sla: responseDue ? { response: clock(responseDue), resolution: clock('2026-03-09T00:00:00Z') } : null,
});

describe('queueOrder', () => {
  it('puts priority first, then the SLA due first, then the oldest; no priority last', () => {
    const items = [
      row('p3-old', 'P3', '2026-03-01T08:00:00Z'),
      row('none', null, '2026-03-01T07:00:00Z'),
      row('p1-late-due', 'P1', '2026-03-01T09:00:00Z', '2026-03-01T12:00:00Z'),
      row('p1-early-due', 'P1', '2026-03-01T10:00:00Z', '2026-03-01T11:00:00Z'),
      row('p3-new', 'P3', '2026-03-01T09:30:00Z'),
    ];
    expect(queueOrder(items).map((i) => i.id)).toEqual([
      'p1-early-due',
      'p1-late-due',
      'p3-old',
      'p3-new',
      'none',
    ]);
  });

  it('orders by age when there are no SLA clocks', () => {
    const items = [row('b', 'P2', '2026-03-01T09:00:00Z'), row('a', 'P2', '2026-03-01T08:00:00Z')];
    expect(queueOrder(items).map((i) => i.id)).toEqual(['a', 'b']);
  });
});
