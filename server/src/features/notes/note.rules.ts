import type { Scope, Tlp } from '#contracts/identity.ts';
import type { AffectedAsset, Impact, PutAnalysis } from '#contracts/notes.ts';
import type { FieldIssue } from '../../platform/http/domain-error.ts';

const tlpRank: Record<Tlp, number> = { clear: 0, green: 1, amber: 2, 'amber+strict': 3, red: 4 };

/**
 * Problems with the marking of a note: a note marked above the writer's own ceiling would vanish from
 * their view the moment it is saved, and one marked below the incident would pretend it may travel
 * further than the incident it describes.
 */
export function noteTlpIssues(tlp: Tlp | null, incidentTlp: Tlp, scope: Scope): FieldIssue[] {
  if (tlp === null) return [];
  const issues: FieldIssue[] = [];
  if (tlpRank[tlp] > tlpRank[scope.tlpCeiling])
    issues.push({ path: 'body.tlp', message: `TLP:${tlp.toUpperCase()} is above what you may read` });
  if (tlpRank[tlp] < tlpRank[incidentTlp])
    issues.push({
      path: 'body.tlp',
      message: `TLP:${tlp.toUpperCase()} is below the incident's TLP:${incidentTlp.toUpperCase()}`,
    });
  return issues;
}

/** Each asset once: the same name and identifier twice is a typo, not two assets. */
export function assetIssues(assets: AffectedAsset[]): FieldIssue[] {
  const seen = new Map<string, number>();
  const issues: FieldIssue[] = [];
  assets.forEach((a, i) => {
    const id = `${a.name.toLowerCase()}\u0000${a.identifier.toLowerCase()}`;
    const first = seen.get(id);
    if (first === undefined) seen.set(id, i);
    else
      issues.push({
        path: `body.assets.${i}`,
        message: `${a.name}${a.identifier ? ` (${a.identifier})` : ''} is listed twice (also at ${first + 1})`,
      });
  });
  return issues;
}

export const emptyImpact: Impact = {
  confidentiality: null,
  integrity: null,
  availability: null,
  affectedUsers: null,
  affectedRecords: null,
  business: '',
};

type AnalysisContent = Omit<PutAnalysis, 'version'>;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** What a save changed, in words for the timeline: `root cause`, `affected assets (2 → 3)`, `impact`. */
export function analysisChanges(before: AnalysisContent, after: AnalysisContent): string[] {
  const changes: string[] = [];
  if (before.rootCause !== after.rootCause) changes.push('root cause');
  if (!same(before.assets, after.assets))
    changes.push(
      before.assets.length === after.assets.length
        ? 'affected assets'
        : `affected assets (${before.assets.length} → ${after.assets.length})`,
    );
  if (!same(before.impact, after.impact)) changes.push('impact');
  return changes;
}

/** How many assets are in each state, for the timeline's before → after. */
export function assetStates(assets: AffectedAsset[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const a of assets) out[a.state] = (out[a.state] ?? 0) + 1;
  return out;
}
