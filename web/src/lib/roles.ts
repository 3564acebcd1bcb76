import { Role } from '#contracts/identity.ts';

/** Whether `role` includes the rights of `min`; roles are listed from most to least powerful. */
export function hasRole(role: Role, min: Role): boolean {
  return Role.options.indexOf(role) <= Role.options.indexOf(min);
}
