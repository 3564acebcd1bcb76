import { useQuery } from '@tanstack/react-query';
import type { Analysis, Note } from '#contracts/notes.ts';
import { api, ApiError } from '../../lib/api-client.ts';
import { incidentPath } from '../incidents/incident-queries.ts';

// Under `['incident', key]`: the incident page refetches them on every live change of the incident.
export const noteKeys = {
  list: (key: string) => ['incident', key, 'notes'] as const,
  analysis: (key: string) => ['incident', key, 'analysis'] as const,
};

export const notesPath = (key: string) => `${incidentPath(key)}/notes`;
export const analysisPath = (key: string) => `${incidentPath(key)}/analysis`;

export function useNotes(key: string) {
  return useQuery({
    queryKey: noteKeys.list(key),
    queryFn: () => api<{ items: Note[] }>('GET', notesPath(key)),
  });
}

export function useAnalysis(key: string) {
  return useQuery({
    queryKey: noteKeys.analysis(key),
    queryFn: () => api<Analysis>('GET', analysisPath(key)),
  });
}

/** What the server holds now, when it refused a save made on an older version (409 `stale_version`). */
export function staleCurrent<T>(error: unknown): T | null {
  if (!(error instanceof ApiError) || error.problem.code !== 'stale_version') return null;
  return (error.problem as { current?: T }).current ?? null;
}

const clip = (s: string) => (s.length > 160 ? `${s.slice(0, 157)}…` : s);

/** A note's changes for the conflict notice. */
export function noteDiff(base: Note, current: Note) {
  const changes = [];
  if (base.body !== current.body)
    changes.push({ label: 'Text', before: clip(base.body), after: clip(current.body) });
  if (base.tlp !== current.tlp)
    changes.push({ label: 'TLP', before: base.tlp ?? "incident's", after: current.tlp ?? "incident's" });
  return changes;
}
