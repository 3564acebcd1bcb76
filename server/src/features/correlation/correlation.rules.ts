import type { SimilarReport } from '#contracts/correlation.ts';
import type { CorrelationRule } from '#contracts/correlation-rules.ts';
import type { Phase, ReportSuggestion } from '#contracts/incidents.ts';
import type { ExtractedObservable } from '#contracts/observables.ts';

// IPv4 loopback and 0.0.0.0, IPv6 ::1 and ::, and loopback mapped into IPv6 (::ffff:7fxx:xxxx).
const NO_HOST = /^(?:127\.|0\.0\.0\.0$|::1?$|::ffff:7f[0-9a-f]{2}:)/i;

/**
 * Loopback and unspecified addresses (a Windows logon from 127.0.0.1, a listener on 0.0.0.0) name no
 * host beyond each sensor's own: two reports carrying one share nothing, so correlation skips them.
 */
export const tellsNothing = (o: ExtractedObservable): boolean =>
  (o.type === 'ipv4' || o.type === 'ipv6') && NO_HOST.test(o.value);

const HOUR_MS = 3_600_000;

/** Phases in which an incident still takes reports (as incident.rules OPEN_PHASES). */
export type OpenPhases = readonly Phase[];

/** A window as `windowAround` gives it. */
export interface Window {
  from: string;
  to: string;
}

/**
 * The span another report's sightings must reach into to count as near this one: from `hours` before
 * its first sighting to `hours` after its last. ISO strings in one format compare like instants.
 */
export function windowAround(receivedAt: string, lastSeenAt: string, hours: number): Window {
  return {
    from: new Date(Date.parse(receivedAt) - hours * HOUR_MS).toISOString(),
    to: new Date(Date.parse(lastSeenAt) + hours * HOUR_MS).toISOString(),
  };
}

/** Whether a report seen from `receivedAt` to `lastSeenAt` was seen within the window. */
export const seenWithin = (w: Window, r: { receivedAt: string; lastSeenAt: string }) =>
  r.receivedAt <= w.to && r.lastSeenAt >= w.from;

export const observableKey = (o: ExtractedObservable) => `${o.type}:${o.value}`;

/** Whether a rule looks at this report at all: enabled, of its source, attributed when it must be. */
export function ruleApplies(
  rule: CorrelationRule,
  report: { source: string; constituencyId: string | null },
): boolean {
  if (!rule.enabled) return false;
  if (rule.source !== null && rule.source !== report.source) return false;
  return !rule.sameConstituency || report.constituencyId !== null;
}

/**
 * The incident a rule links to: among reports of open incidents, those sharing at least `minShared`
 * of `mine`; the one sharing the most wins, ties go to the most recently seen, then the lowest key.
 */
export function pickIncident(
  linked: { key: string; reportId: string; lastSeenAt: string }[],
  theirs: (ExtractedObservable & { reportId: string })[],
  mine: Set<string>,
  minShared: number,
): string | null {
  const shared = new Map<string, number>();
  for (const o of theirs)
    if (mine.has(observableKey(o))) shared.set(o.reportId, (shared.get(o.reportId) ?? 0) + 1);
  const ranked = linked
    .map((l) => ({ ...l, shared: shared.get(l.reportId) ?? 0 }))
    .filter((l) => l.shared >= minShared)
    .sort(
      (a, b) => b.shared - a.shared || b.lastSeenAt.localeCompare(a.lastSeenAt) || a.key.localeCompare(b.key),
    );
  return ranked[0]?.key ?? null;
}

/** Another report carrying one of the observables, with the incident it is linked to (if visible). */
export interface SharingRow {
  observable: ExtractedObservable;
  report: Omit<SimilarReport, 'shared'>;
  incident: (Omit<ReportSuggestion, 'shared'> & { mergedInto: boolean }) | null;
}

type WithShared<T> = T & { shared: ExtractedObservable[] };

function collect<T>(map: Map<string, WithShared<T>>, id: string, item: T, o: ExtractedObservable) {
  const entry = map.get(id) ?? { ...item, shared: [] };
  if (!entry.shared.some((s) => observableKey(s) === observableKey(o))) entry.shared.push(o);
  map.set(id, entry);
}

/**
 * What a report probably belongs with, from the rows of other reports sharing its observables:
 * open incidents (any time) and reports seen within the window, each most overlap first.
 */
export function suggestionsFrom(
  rows: SharingRow[],
  self: { id: string; window: Window },
  open: OpenPhases,
  limit: number,
): { items: ReportSuggestion[]; reports: SimilarReport[] } {
  const incidents = new Map<string, WithShared<ReportSuggestion>>();
  const reports = new Map<string, WithShared<SimilarReport>>();
  for (const { observable, report, incident } of rows) {
    if (report.id === self.id) continue;
    if (incident && open.includes(incident.phase) && !incident.mergedInto) {
      const { mergedInto: _m, ...suggestion } = incident;
      collect(incidents, incident.key, suggestion, observable);
    }
    if (seenWithin(self.window, report)) collect(reports, report.id, report, observable);
  }
  return {
    items: [...incidents.values()].sort(
      (a, b) => b.shared.length - a.shared.length || a.key.localeCompare(b.key),
    ),
    reports: [...reports.values()]
      .sort((a, b) => b.shared.length - a.shared.length || b.lastSeenAt.localeCompare(a.lastSeenAt))
      .slice(0, limit),
  };
}
