import { createHash } from 'node:crypto';
import { valueAt } from './event-fields.rules.ts';

/**
 * The fingerprint of an event under a rule: SHA-256 of the named fields and their values (a missing
 * field counts as null). Null when the event has none of the fields, so unrelated events without
 * them are never grouped together. The field names are part of it: a changed rule starts new groups.
 */
export function fingerprintOf(event: unknown, fields: readonly string[]): string | null {
  const values = fields.map((f) => [f, valueAt(event, f) ?? null] as const);
  if (values.every(([, v]) => v === null)) return null;
  return createHash('sha256').update(JSON.stringify(values)).digest('hex');
}
