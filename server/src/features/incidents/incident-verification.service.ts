import type { Incident, Verify } from '#contracts/incidents.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { DatabaseHandle } from '../../platform/db/database.ts';
import { conflict, notFound } from '../../platform/http/domain-error.ts';
import type { IncidentChanges } from './incident-changes.ts';
import type { IncidentStore } from './incident.store.ts';

export interface VerificationServiceDeps {
  handle: DatabaseHandle;
  changes: IncidentChanges;
  incidents: IncidentStore;
  now: () => Date;
}

const outcomeOf = {
  not_an_incident: 'false_positive',
  false_positive: 'false_positive',
  duplicate: 'duplicate',
};

/**
 * Verification, the first step of triage (ENISA guide 5.2): a handler confirms the incident is real,
 * or rejects it with a reason; a rejected one is closed with that outcome and needs no classification.
 */
export function createVerificationService({ handle, changes, incidents, now }: VerificationServiceDeps) {
  async function verify(actor: Actor, key: string, input: Verify): Promise<Incident> {
    await changes.change(actor, key, input.version, async ({ tx, incident, record }) => {
      if (incident.phase !== 'triage')
        throw conflict('not_in_triage', `${key} is in ${incident.phase}; verification belongs to triage`);
      const at = now().toISOString();
      if (input.verdict === 'confirmed') {
        if (incident.verified)
          throw conflict('verified_already', `${incident.verified.by} verified ${key} already`);
        await incidents.update(tx, incident.id, { verified_at: at, verified_by: actor.label });
        await record('verified', 'Verified: a real incident', { after: 'confirmed' });
        return;
      }
      await incidents.update(tx, incident.id, {
        phase: 'closed',
        outcome: outcomeOf[input.verdict],
        closing_summary: input.reason,
        closed_at: at,
      });
      await record('rejected', `Rejected in verification (${input.verdict}): ${input.reason}`, {
        before: incident.phase,
        after: 'closed',
      });
    });
    const incident = await incidents.get(handle.db, actor.scope, key);
    if (!incident) throw notFound(`Incident ${key}`);
    return incident;
  }

  return { verify };
}

export type VerificationService = ReturnType<typeof createVerificationService>;
