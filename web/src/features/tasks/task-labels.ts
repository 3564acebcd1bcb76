import type { PartyKind, Task, TaskStatus, TaskStep } from '#contracts/tasks.ts';

export const stepLabel: Record<TaskStep, string> = {
  analysis: 'Data analysis',
  research: 'Resolution research',
  proposed_action: 'Action proposed',
  performed_action: 'Action performed',
  eradication: 'Eradication',
  recovery: 'Recovery',
  other: 'Other',
};

export const partyLabel: Record<PartyKind, string> = {
  own_team: 'Own team',
  handler: 'Handler',
  constituency_contact: 'Constituency contact',
  isp: 'ISP',
  cert: 'Other CERT',
  vendor: 'Vendor',
  management: 'Management',
};

export const statusLabel: Record<TaskStatus, string> = {
  proposed: 'Proposed',
  in_progress: 'In progress',
  done: 'Performed',
  verified: 'Verified',
  cancelled: 'Cancelled',
};

export const statusColor: Record<TaskStatus, string> = {
  proposed: 'gray',
  in_progress: 'blue',
  done: 'teal',
  verified: 'green',
  cancelled: 'dark',
};

export type TaskFilter = 'all' | 'mine' | 'waiting';

const OURS: readonly PartyKind[] = ['own_team', 'handler'];
const OPEN: readonly TaskStatus[] = ['proposed', 'in_progress'];

/** "Mine": open tasks I own; "waiting for a party": open tasks that wait on someone outside the team. */
export function filterTasks(items: Task[], filter: TaskFilter, userId: string): Task[] {
  if (filter === 'mine') return items.filter((t) => t.owner?.id === userId && OPEN.includes(t.status));
  if (filter === 'waiting')
    return items.filter((t) => !OURS.includes(t.party.kind) && OPEN.includes(t.status));
  return items;
}

/** Cycles newest first, each with its tasks in creation order; the current cycle is shown even when empty. */
export function groupByCycle(items: Task[], currentCycle: number): { cycle: number; tasks: Task[] }[] {
  const cycles = new Set([currentCycle, ...items.map((t) => t.cycle)]);
  return [...cycles]
    .sort((a, b) => b - a)
    .map((cycle) => ({ cycle, tasks: items.filter((t) => t.cycle === cycle) }));
}

/** Whether the user may approve or reject: leads, admins, or an approver designated on the task. */
export function mayDecide(task: Task, user: { id: string; role: string }): boolean {
  return user.role === 'lead' || user.role === 'admin' || task.approverIds.includes(user.id);
}
