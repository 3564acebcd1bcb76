import type { Assign, AssignmentCandidate, Incident } from '#contracts/incidents.ts';
import { requireRole, type Actor } from '../../platform/auth/actor.ts';
import type { DatabaseHandle, Tx } from '../../platform/db/database.ts';
import { conflict, invalid, notFound, type FieldIssue } from '../../platform/http/domain-error.ts';
import type { IncidentChanges, RecordEntry } from './incident-changes.ts';
import {
  covers,
  mayHandle,
  pickAssignee,
  type AssignmentCandidate as Candidate,
} from './incident-assignment.rules.ts';
import type { AssignmentStore } from './incident-assignment.store.ts';
import { isOpen } from './incident.rules.ts';
import type { IncidentStore } from './incident.store.ts';

export interface AssignmentServiceDeps {
  handle: DatabaseHandle;
  changes: IncidentChanges;
  incidents: IncidentStore;
  store: AssignmentStore;
  now: () => Date;
  /** Called when someone first takes charge: the first response (SLA) happened. */
  onResponded?: (tx: Tx, incident: Incident, at: Date) => Promise<void>;
}

type Team = { lead: string | null; handlers: string[] };

const facts = (incident: Incident) => ({
  constituencyId: incident.constituency?.id ?? null,
  tlp: incident.tlp,
});

/** Take, assign and the automatic rule; every change is versioned, on the timeline and audited. */
export function createAssignmentService({
  handle,
  changes,
  incidents,
  store,
  now,
  onResponded,
}: AssignmentServiceDeps) {
  const names = (people: Candidate[], ids: (string | null)[]) =>
    ids.filter((id): id is string => !!id).map((id) => people.find((p) => p.id === id)?.name ?? id);

  /** Replaces the team and writes the timeline entry saying who changed it to whom. */
  async function setTeam(
    tx: Tx,
    actor: Actor,
    incident: Incident,
    record: RecordEntry,
    team: Team,
    people: Candidate[],
    how: string,
  ) {
    const rows = [
      ...(team.lead ? [{ userId: team.lead, role: 'lead' as const }] : []),
      ...team.handlers
        .filter((id) => id !== team.lead)
        .map((userId) => ({ userId, role: 'handler' as const })),
    ];
    await store.replace(tx, incident.id, rows, actor.label, now().toISOString());
    const email = (id: string) => people.find((p) => p.id === id)?.email ?? id;
    const others = rows.filter((r) => r.role === 'handler').map((r) => r.userId);
    const lead = names(people, [team.lead])[0] ?? 'nobody';
    const with_ = others.length ? `, with ${names(people, others).join(', ')}` : '';
    await record('assigned', `${how}: lead ${lead}${with_}`, {
      before: { lead: incident.lead?.email ?? null, handlers: incident.handlers.map((h) => h.email) },
      after: { lead: team.lead ? email(team.lead) : null, handlers: others.map(email) },
    });
    if (!incident.lead && team.lead) await onResponded?.(tx, incident, now());
  }

  /** The incident as the actor sees it after the change. */
  const reload = async (actor: Actor, key: string): Promise<Incident> => {
    const incident = await incidents.get(handle.db, actor.scope, key);
    if (!incident) throw notFound(`Incident ${key}`);
    return incident;
  };

  const requireOpen = (incident: Incident) => {
    if (!isOpen(incident.phase))
      throw conflict('incident_closed', `${incident.key} is ${incident.phase}; reopen it first`);
  };

  /** Who could work on the incident, for the assign dialog; scoped like the incident itself. */
  async function candidates(actor: Actor, key: string): Promise<AssignmentCandidate[]> {
    requireRole(actor, 'handler');
    const incident = await incidents.get(handle.db, actor.scope, key);
    if (!incident) throw notFound(`Incident ${key}`);
    const typeId = incident.classification?.typeId;
    return (await store.candidates(handle.db))
      .filter((c) => mayHandle(c, facts(incident)))
      .map(({ id, name, email, available, specialisations, openIncidents }) => ({
        id,
        name,
        email,
        available,
        specialisations,
        openIncidents,
        specialist: typeId ? covers(specialisations, typeId) : false,
      }));
  }

  /** The first handler who picks it up becomes its lead. */
  async function take(actor: Actor, key: string, version: number): Promise<Incident> {
    await changes.change(actor, key, version, async ({ tx, incident, record }) => {
      requireOpen(incident);
      if (incident.lead)
        throw conflict('already_taken', `${incident.lead.name} leads ${key} already`, { current: incident });
      const people = await store.candidates(tx);
      const me = people.find((p) => p.id === actor.id);
      if (!me || !mayHandle(me, facts(incident)))
        throw conflict('cannot_take', 'You may not handle this incident');
      const handlers = incident.handlers.map((h) => h.id);
      await setTeam(tx, actor, incident, record, { lead: me.id, handlers }, people, 'Taken');
    });
    return reload(actor, key);
  }

  /** A lead names the lead handler and the others; each must be allowed to see the incident. */
  async function assign(actor: Actor, key: string, input: Assign): Promise<Incident> {
    requireRole(actor, 'lead');
    await changes.change(actor, key, input.version, async ({ tx, incident, record }) => {
      requireOpen(incident);
      const people = await store.candidates(tx);
      const team: Team = {
        lead: input.leadId === undefined ? (incident.lead?.id ?? null) : input.leadId,
        handlers: input.handlerIds ?? incident.handlers.map((h) => h.id),
      };
      const problems: FieldIssue[] = [];
      const check = (id: string, path: string) => {
        const who = people.find((p) => p.id === id);
        if (!who) problems.push({ path, message: 'is not an active handler' });
        else if (!mayHandle(who, facts(incident)))
          problems.push({ path, message: `${who.name} may not see this incident (scope or TLP)` });
      };
      if (team.lead) check(team.lead, 'body.leadId');
      team.handlers.forEach((id, i) => check(id, `body.handlerIds.${i}`));
      if (problems.length) throw invalid('assignee_not_allowed', 'Some people cannot be assigned', problems);
      await setTeam(tx, actor, incident, record, team, people, 'Assigned');
    });
    return reload(actor, key);
  }

  /**
   * Applies the automatic rule inside a change; returns who was picked, or null when nobody fits.
   * The incident service calls it after the initial classification of an incident without a lead.
   */
  async function autoAssignIn(tx: Tx, actor: Actor, incident: Incident, record: RecordEntry, typeId: string) {
    const people = await store.candidates(tx);
    const picked = pickAssignee(people, { ...facts(incident), typeId });
    if (!picked) return null;
    const handlers = incident.handlers.map((h) => h.id);
    await setTeam(
      tx,
      actor,
      incident,
      record,
      { lead: picked.id, handlers },
      people,
      'Assigned automatically',
    );
    return picked;
  }

  async function autoAssign(actor: Actor, key: string, version: number): Promise<Incident> {
    await changes.change(actor, key, version, async ({ tx, incident, record }) => {
      requireOpen(incident);
      // Replacing someone who leads already is an assignment, which is a lead's decision.
      if (incident.lead) requireRole(actor, 'lead');
      const typeId = incident.classification?.typeId;
      if (!typeId)
        throw conflict(
          'not_classified',
          'Classify the incident first: the rule matches specialisations to it',
        );
      if (!(await autoAssignIn(tx, actor, incident, record, typeId)))
        throw conflict('no_specialist_available', `No available handler specialises in ${typeId}`);
    });
    return reload(actor, key);
  }

  return { candidates, take, assign, autoAssign, autoAssignIn };
}

export type AssignmentService = ReturnType<typeof createAssignmentService>;
