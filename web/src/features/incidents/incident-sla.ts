import type { Incident, IncidentSla, SlaClock } from '#contracts/incidents.ts';

export type SlaState = 'met' | 'late' | 'breached' | 'due_soon' | 'ok';

/** The SLA clocks, or null without a priority (and from a server that predates SLAs). */
export const slaOf = (incident: Pick<Incident, 'sla'>): IncidentSla | null => incident.sla ?? null;

/** Amber this long before the deadline when the server has not warned yet. */
const DUE_SOON_MS = 30 * 60_000;

export function slaState(clock: SlaClock, now: Date): SlaState {
  const due = new Date(clock.dueAt).getTime();
  if (clock.doneAt) return new Date(clock.doneAt).getTime() > due ? 'late' : 'met';
  if (clock.breachedAt || now.getTime() > due) return 'breached';
  if (clock.warnedAt || due - now.getTime() < DUE_SOON_MS) return 'due_soon';
  return 'ok';
}

/** The clock that is running: response until answered, then resolution; null when both are done. */
export function runningClock(sla: IncidentSla): { name: 'response' | 'resolution'; clock: SlaClock } | null {
  if (!sla.response.doneAt) return { name: 'response', clock: sla.response };
  if (!sla.resolution.doneAt) return { name: 'resolution', clock: sla.resolution };
  return null;
}

/** When the running clock is due, for sorting; null when nothing runs. */
export function nextDue(incident: Pick<Incident, 'sla'>): number | null {
  const sla = slaOf(incident);
  const running = sla && runningClock(sla);
  return running ? new Date(running.clock.dueAt).getTime() : null;
}
