import { describe, expect, it } from 'vitest';
import type { Task } from '#contracts/tasks.ts';
import { filterTasks, groupByCycle, mayDecide } from './task-labels.ts';

const task = (id: string, extra: Partial<Task>): Task => ({
  id,
  incidentKey: 'FB-2026-00001',
  cycle: 1,
  originCycle: 1,
  title: id,
  description: '',
  step: 'other',
  party: { kind: 'own_team', name: '', userId: null },
  owner: null,
  dueAt: null,
  status: 'proposed',
  requiresApproval: false,
  approverIds: [],
  approval: null,
  approvals: [],
  verification: null,
  playbookItemId: null,
  createdBy: 'a',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 1,
  ...extra,
});

describe('task filters', () => {
  const items = [
    task('mine-open', { owner: { id: 'u1', name: 'Me' } }),
    task('mine-done', { owner: { id: 'u1', name: 'Me' }, status: 'done' }),
    task('isp-open', { party: { kind: 'isp', name: 'ISP', userId: null }, status: 'in_progress', cycle: 2 }),
    task('isp-verified', { party: { kind: 'isp', name: 'ISP', userId: null }, status: 'verified' }),
  ];
  it.each([
    ['all', ['mine-open', 'mine-done', 'isp-open', 'isp-verified']],
    ['mine', ['mine-open']],
    ['waiting', ['isp-open']],
  ] as const)('%s', (filter, ids) => {
    expect(filterTasks(items, filter, 'u1').map((t) => t.id)).toEqual(ids);
  });

  it('groups by cycle, newest first, keeping an empty current cycle', () => {
    expect(groupByCycle(items, 3).map((g) => [g.cycle, g.tasks.length])).toEqual([
      [3, 0],
      [2, 1],
      [1, 3],
    ]);
  });

  it('lets leads, admins and designated approvers decide', () => {
    const t = task('x', { approverIds: ['u9'] });
    expect(mayDecide(t, { id: 'u1', role: 'handler' })).toBe(false);
    expect(mayDecide(t, { id: 'u9', role: 'handler' })).toBe(true);
    expect(mayDecide(t, { id: 'u1', role: 'lead' })).toBe(true);
  });
});
