import type { RetentionPolicy, RetentionPreviewItem } from '#contracts/retention.ts';

/** What the rules need to know of a closed incident. */
export interface RetentionCandidate {
  key: string;
  title: string;
  typeId: string | null;
  constituencyId: string | null;
  closedAt: string;
  archivedAt: string | null;
  held: boolean;
}

export type PolicyCriteria = Pick<
  RetentionPolicy,
  'id' | 'name' | 'taxonomyClass' | 'typeId' | 'constituencyId' | 'archiveAfterDays' | 'destroyAfterMonths'
>;

const classOf = (typeId: string | null) => (typeId ? typeId.split('/')[0]! : null);

/** Whether every non-null criterion of the policy holds for the incident. */
export function policyMatches(
  policy: PolicyCriteria,
  c: Pick<RetentionCandidate, 'typeId' | 'constituencyId'>,
) {
  if (policy.typeId !== null && policy.typeId !== c.typeId) return false;
  if (policy.taxonomyClass !== null && policy.taxonomyClass !== classOf(c.typeId)) return false;
  if (policy.constituencyId !== null && policy.constituencyId !== c.constituencyId) return false;
  return true;
}

/** Type beats class beats any; at equal classification, a constituency-specific policy beats a general one. */
export function specificity(policy: PolicyCriteria): number {
  const classification = policy.typeId !== null ? 2 : policy.taxonomyClass !== null ? 1 : 0;
  return classification * 2 + (policy.constituencyId !== null ? 1 : 0);
}

/** The most specific matching policy; ties go to the lowest id (the oldest), so the choice is stable. */
export function policyFor<P extends PolicyCriteria>(
  policies: P[],
  c: Pick<RetentionCandidate, 'typeId' | 'constituencyId'>,
): P | undefined {
  let best: P | undefined;
  for (const p of policies) {
    if (!policyMatches(p, c)) continue;
    if (
      !best ||
      specificity(p) > specificity(best) ||
      (specificity(p) === specificity(best) && p.id < best.id)
    )
      best = p;
  }
  return best;
}

export function addDays(iso: string, days: number): Date {
  return new Date(new Date(iso).getTime() + days * 86_400_000);
}

/** Calendar months in UTC, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(iso: string, months: number): Date {
  const d = new Date(iso);
  const target = new Date(d);
  target.setUTCDate(1);
  target.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), last));
  return target;
}

/** What is due for one incident at `now`, or null when nothing is. */
export function retentionDecision(
  policies: PolicyCriteria[],
  c: RetentionCandidate,
  now: Date,
): RetentionPreviewItem | null {
  const policy = policyFor(policies, c);
  if (!policy) return null;
  const base = {
    incidentKey: c.key,
    title: c.title,
    typeId: c.typeId,
    constituencyId: c.constituencyId,
    closedAt: c.closedAt,
    policyId: policy.id,
    policyName: policy.name,
  };
  if (policy.destroyAfterMonths !== null) {
    const due = addMonths(c.closedAt, policy.destroyAfterMonths);
    if (due <= now) {
      const period = `${policy.destroyAfterMonths} month(s) after closure`;
      return c.held
        ? {
            ...base,
            action: 'skip_hold',
            dueAt: due.toISOString(),
            reason: `On legal hold; destruction due ${period}`,
          }
        : { ...base, action: 'destroy', dueAt: due.toISOString(), reason: `Destroy ${period}` };
    }
  }
  if (policy.archiveAfterDays !== null && c.archivedAt === null) {
    const due = addDays(c.closedAt, policy.archiveAfterDays);
    if (due <= now)
      return {
        ...base,
        action: 'archive',
        dueAt: due.toISOString(),
        reason: `Archive ${policy.archiveAfterDays} day(s) after closure`,
      };
  }
  return null;
}
