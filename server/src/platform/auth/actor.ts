import type { Role, Scope, Tlp } from '#contracts/identity.ts';
import { forbidden } from '../http/domain-error.ts';

/**
 * Who is acting. Every service function takes the actor first and every store read takes its scope,
 * so a request can never see more than its user may (constituencies, TLP ceiling).
 */
export interface Actor {
  kind: 'user' | 'system';
  /** User id; null for the system (jobs, CLI maintenance). */
  id: string | null;
  /** Human-readable name for audit entries: an e-mail address or `system:<what>`. */
  label: string;
  role: Role;
  scope: Scope;
  via: 'session' | 'token' | 'system';
}

const rank: Record<Role, number> = { viewer: 0, handler: 1, lead: 2, admin: 3 };
const tlpRank: Record<Tlp, number> = { clear: 0, green: 1, amber: 2, 'amber+strict': 3, red: 4 };

/** Everything, for the system's own work. */
export const unrestrictedScope: Scope = { constituencies: null, tlpCeiling: 'red' };

export function systemActor(what: string): Actor {
  return {
    kind: 'system',
    id: null,
    label: `system:${what}`,
    role: 'admin',
    scope: unrestrictedScope,
    via: 'system',
  };
}

export function hasRole(actor: Actor, atLeast: Role): boolean {
  return rank[actor.role] >= rank[atLeast];
}

/** Throws `forbidden` unless the actor holds the role or a higher one. */
export function requireRole(actor: Actor, atLeast: Role): void {
  if (!hasRole(actor, atLeast)) throw forbidden(`This needs the ${atLeast} role or higher`);
}

/** Whether the scope may read data marked with this TLP. */
export function tlpAllows(scope: Scope, tlp: Tlp): boolean {
  return tlpRank[tlp] <= tlpRank[scope.tlpCeiling];
}

/** TLP levels a scope may read, for `where tlp in (...)` in stores. */
export function readableTlps(scope: Scope): Tlp[] {
  return (Object.keys(tlpRank) as Tlp[]).filter((t) => tlpAllows(scope, t));
}

/** Whether the scope covers a constituency (null constituency = not yet attributed: visible to unrestricted users only). */
export function constituencyAllowed(scope: Scope, constituencyId: string | null): boolean {
  if (scope.constituencies === null) return true;
  return constituencyId !== null && scope.constituencies.includes(constituencyId);
}
