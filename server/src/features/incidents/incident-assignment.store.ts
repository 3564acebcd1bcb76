import type { Role, Scope, Tlp } from '#contracts/identity.ts';
import type { Queryable } from '../../platform/db/database.ts';
import type { AssignmentCandidate } from './incident-assignment.rules.ts';
import { refreshIncidentFacts } from './incident-facts.store.ts';
import { OPEN_PHASES } from './incident.rules.ts';

/** Users are platform-wide; which of them may handle an incident is decided by the rules, not here. */
export function createAssignmentStore() {
  /** Every active user above viewer, with the number of open incidents each works on. */
  async function candidates(q: Queryable): Promise<AssignmentCandidate[]> {
    const load = q
      .selectFrom('incident_assignees')
      .innerJoin('incidents', 'incidents.id', 'incident_assignees.incident_id')
      .select((eb) => ['incident_assignees.user_id', eb.fn.countAll<number>().as('open')])
      .where('incidents.phase', 'in', OPEN_PHASES)
      .groupBy('incident_assignees.user_id')
      .as('load');
    const rows = await q
      .selectFrom('users')
      .leftJoin(load, 'load.user_id', 'users.id')
      .select([
        'users.id',
        'users.name',
        'users.email',
        'users.role',
        'users.scope_constituencies',
        'users.tlp_ceiling',
        'users.available',
        'users.specialisations',
        'load.open',
      ])
      .where('users.disabled_at', 'is', null)
      .where('users.role', '!=', 'viewer')
      .orderBy('users.name')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      email: r.email,
      role: r.role as Role,
      scope: {
        constituencies:
          r.scope_constituencies === null ? null : (JSON.parse(r.scope_constituencies) as string[]),
        tlpCeiling: r.tlp_ceiling as Tlp,
      } satisfies Scope,
      available: r.available === 1,
      specialisations: JSON.parse(r.specialisations) as string[],
      openIncidents: Number(r.open ?? 0),
    }));
  }

  /** Replaces who works on the incident. */
  async function replace(
    q: Queryable,
    incidentId: string,
    people: { userId: string; role: 'lead' | 'handler' }[],
    by: string,
    at: string,
  ): Promise<void> {
    await q.deleteFrom('incident_assignees').where('incident_id', '=', incidentId).execute();
    if (people.length)
      await q
        .insertInto('incident_assignees')
        .values(
          people.map((p) => ({
            incident_id: incidentId,
            user_id: p.userId,
            role: p.role,
            assigned_by: by,
            assigned_at: at,
          })),
        )
        .execute();
    await refreshIncidentFacts(q, [incidentId]);
  }

  return { candidates, replace };
}

export type AssignmentStore = ReturnType<typeof createAssignmentStore>;
