import type { Incident } from '#contracts/incidents.ts';
import { nextDue } from '../incidents/incident-sla.ts';
import { byPriority } from '../incidents/priority-order.ts';

type Queued = Pick<Incident, 'priority' | 'sla' | 'createdAt'>;

const dueOrder = (a: Queued, b: Queued) => {
  const x = nextDue(a) ?? Infinity;
  const y = nextDue(b) ?? Infinity;
  return x === y ? 0 : x < y ? -1 : 1;
};

/**
 * The triage order: priority (P1 first, none last), then the SLA clock due first, then the oldest.
 * The server sorts the same way with `sort=queue`; sorting here too keeps the order right when rows
 * are patched from live events, and on a server without that sort.
 */
export function queueOrder<T extends Queued>(items: T[]): T[] {
  return [...items].sort(byPriority<T>((a, b) => dueOrder(a, b) || a.createdAt.localeCompare(b.createdAt)));
}
