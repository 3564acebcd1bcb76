import type { Incident, Phase } from '#contracts/incidents.ts';
import { conflict } from '../../platform/http/domain-error.ts';

/** Phases in which an incident is archived: read-only until reopened with a reason. */
export const ARCHIVED_PHASES: Phase[] = ['closed', 'post_analysis_done'];

export const isArchived = (phase: Phase) => ARCHIVED_PHASES.includes(phase);

export const incidentDestroyed = (key: string) =>
  conflict(
    'incident_destroyed',
    `${key} was destroyed under the retention policy; what is left is read-only for good`,
  );

/**
 * A destroyed incident is a husk kept for the key and the audit trail: no change may bring content
 * back (GDPR Art. 5(1)(e), storage limitation). `changes.load` and `requireNotArchived` call it.
 */
export function requireNotDestroyed(incident: Pick<Incident, 'key' | 'destroyedAt'>): void {
  if (incident.destroyedAt) throw incidentDestroyed(incident.key);
}

/**
 * The one guard every write on an incident or its sub-resources calls: a closed incident is the
 * record of what happened (ENISA guide: archived, protected), so changes need a reopening first.
 */
export function requireNotArchived(incident: Pick<Incident, 'key' | 'phase' | 'destroyedAt'>): void {
  requireNotDestroyed(incident);
  if (isArchived(incident.phase))
    throw conflict(
      'incident_archived',
      `${incident.key} is ${incident.phase === 'closed' ? 'closed' : 'post-analysed'} and archived read-only; reopen it with a reason to change it`,
    );
}
