import type { Role, Scope, Tlp } from '#contracts/identity.ts';

/** A user who could handle an incident, with what automatic assignment weighs. */
export interface AssignmentCandidate {
  id: string;
  name: string;
  email: string;
  role: Role;
  scope: Scope;
  available: boolean;
  specialisations: string[];
  /** Open incidents the user leads or handles now. */
  openIncidents: number;
}

const tlpRank: Record<Tlp, number> = { clear: 0, green: 1, amber: 2, 'amber+strict': 3, red: 4 };

/** Whether the user may work on an incident at all: a handler whose scope covers it. */
export function mayHandle(
  c: Pick<AssignmentCandidate, 'role' | 'scope'>,
  incident: { constituencyId: string | null; tlp: Tlp },
): boolean {
  if (c.role === 'viewer') return false;
  if (tlpRank[incident.tlp] > tlpRank[c.scope.tlpCeiling]) return false;
  const list = c.scope.constituencies;
  return list === null || (incident.constituencyId !== null && list.includes(incident.constituencyId));
}

/** A specialisation covers a taxonomy type when it names the type (`fraud/phishing`) or its class (`fraud`). */
export function covers(specialisations: string[], typeId: string): boolean {
  const cls = typeId.split('/')[0];
  return specialisations.some((s) => s === typeId || s === cls);
}

/**
 * The automatic rule: among available users allowed to handle the incident whose specialisations
 * cover its classification, the one with the fewest open incidents (ties by name, so it is stable).
 */
export function pickAssignee(
  candidates: AssignmentCandidate[],
  incident: { constituencyId: string | null; tlp: Tlp; typeId: string },
): AssignmentCandidate | null {
  const eligible = candidates.filter(
    (c) => c.available && mayHandle(c, incident) && covers(c.specialisations, incident.typeId),
  );
  eligible.sort((a, b) => a.openIncidents - b.openIncidents || a.name.localeCompare(b.name));
  return eligible[0] ?? null;
}
