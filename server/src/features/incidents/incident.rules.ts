import type { Criticality } from '#contracts/constituencies.ts';
import type { Phase, Priority, Severity, Transition } from '#contracts/incidents.ts';

/**
 * Default priority matrix: severity (rows) × constituency criticality (columns).
 * An incident whose constituency is unknown is weighed as `medium` criticality.
 *
 * | severity \ criticality | critical | high | medium | low |
 * |------------------------|----------|------|--------|-----|
 * | critical               | P1       | P1   | P2     | P2  |
 * | high                   | P1       | P2   | P2     | P3  |
 * | medium                 | P2       | P3   | P3     | P4  |
 * | low                    | P3       | P4   | P4     | P4  |
 */
export const DEFAULT_PRIORITY_MATRIX: Record<Severity, Record<Criticality, Priority>> = {
  critical: { critical: 'P1', high: 'P1', medium: 'P2', low: 'P2' },
  high: { critical: 'P1', high: 'P2', medium: 'P2', low: 'P3' },
  medium: { critical: 'P2', high: 'P3', medium: 'P3', low: 'P4' },
  low: { critical: 'P3', high: 'P4', medium: 'P4', low: 'P4' },
};

export function matrixPriority(
  severity: Severity | null,
  criticality: Criticality | null,
  matrix = DEFAULT_PRIORITY_MATRIX,
): Priority | null {
  return severity ? matrix[severity][criticality ?? 'medium'] : null;
}

const forward: Record<Phase, Phase[]> = {
  triage: ['response', 'closed'],
  response: ['eradication', 'recovery', 'closed'],
  eradication: ['recovery', 'closed'],
  recovery: ['closed'],
  // Only marking the lessons review done (features/lessons) moves a closed incident on.
  closed: [],
  post_analysis_done: [],
};
export const OPEN_PHASES: Phase[] = ['triage', 'response', 'eradication', 'recovery'];

export const isOpen = (phase: Phase) => OPEN_PHASES.includes(phase);

/**
 * Timeline `change` values of a reopening: from a closed phase back to an open one. The recorder writes
 * `JSON.stringify({ before, after })`, so matching the exact strings needs no JSON functions in SQL.
 */
export const REOPEN_CHANGES: string[] = (['closed', 'post_analysis_done'] as const).flatMap((before) =>
  OPEN_PHASES.map((after) => JSON.stringify({ before, after })),
);

/** Why a phase change is not allowed, or null when it is. Reopening (back from closed) needs a reason. */
export function transitionProblem(
  from: Phase,
  t: Pick<Transition, 'to' | 'reason' | 'closure'>,
): string | null {
  if (from === t.to) return `The incident is in ${from} already`;
  const reopening = !isOpen(from) && isOpen(t.to);
  if (reopening) return t.reason?.trim() ? null : 'Reopening an incident needs a reason';
  if (t.to === 'post_analysis_done')
    return 'The post-analysis is done by marking the lessons review done (POST …/lessons/done)';
  if (!forward[from].includes(t.to)) return `An incident cannot go from ${from} to ${t.to}`;
  if (t.to === 'closed' && !t.closure) return 'Closing needs an outcome and a closing summary';
  return null;
}

/** `FB-2026-00042`: the year and a per-year number, at least five digits. */
export function incidentKey(year: number, n: number): string {
  return `FB-${year}-${String(n).padStart(5, '0')}`;
}
