import { createHash } from 'node:crypto';
import type { Scope, Tlp } from '#contracts/identity.ts';

const TLP_ORDER: Tlp[] = ['clear', 'green', 'amber', 'amber+strict', 'red'];

/** The least strict marking: an observable carried by a GREEN and an AMBER report may be shared as GREEN. */
export function loosestTlp(tlps: Tlp[]): Tlp {
  return TLP_ORDER[Math.min(...tlps.map((t) => TLP_ORDER.indexOf(t)))] ?? 'amber';
}

/** "seen in FB-2026-00012 and 3 reports": other incidents first (at most three named), then reports. */
export function sightingsSummary(incidentKeys: string[], reports: number): string {
  const parts: string[] = [];
  const named = incidentKeys.slice(0, 3);
  parts.push(...named);
  const more = incidentKeys.length - named.length;
  if (more > 0) parts.push(`${more} more incident${more === 1 ? '' : 's'}`);
  if (reports > 0) parts.push(`${reports} report${reports === 1 ? '' : 's'}`);
  if (!parts.length) return 'not seen elsewhere';
  const last = parts.pop()!;
  return `seen in ${parts.length ? `${parts.join(', ')} and ${last}` : last}`;
}

/**
 * Cached results are kept per reader scope: correlation names only the incidents that scope may see,
 * so a narrower reader must never be handed a wider reader's answer.
 */
export function scopeKey(scope: Scope): string {
  const canonical = JSON.stringify({
    c: scope.constituencies === null ? null : [...scope.constituencies].sort(),
    t: scope.tlpCeiling,
  });
  return createHash('sha256').update(canonical).digest('hex').slice(0, 32);
}

/** Whether a cached result may still be served at `now`. */
export function isFresh(expiresAt: string, now: Date): boolean {
  return Date.parse(expiresAt) > now.getTime();
}

/** Tags trimmed, de-duplicated and sorted, so equal sets compare equal. */
export function normaliseTags(tags: string[]): string[] {
  return [...new Set(tags.map((t) => t.trim()).filter(Boolean))].sort();
}
