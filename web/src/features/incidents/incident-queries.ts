import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import type { Incident, IncidentCounts, Phase, TimelineEntry } from '#contracts/incidents.ts';
import type { Report } from '#contracts/reports.ts';
import { api, withQuery } from '../../lib/api-client.ts';

export const incidentKeys = {
  lists: ['incidents'] as const,
  list: (filter: IncidentListFilter) => ['incidents', filter] as const,
  one: (key: string) => ['incident', key] as const,
  timeline: (key: string) => ['incident', key, 'timeline'] as const,
  communications: (key: string) => ['incident', key, 'communications'] as const,
  // Under `lists`, so every change that refreshes the lists refreshes the counts too.
  counts: ['incidents', 'counts'] as const,
};

export interface IncidentListFilter {
  phase?: Phase | undefined;
  open?: 'true' | 'false' | undefined;
  breached?: 'true' | undefined;
  sort?: 'queue' | undefined;
  /** Words of the key, title or summary. */
  q?: string | undefined;
  limit?: number;
}

const path = (key: string) => `/api/v1/incidents/${encodeURIComponent(key)}`;

export function useIncident(key: string) {
  return useQuery({ queryKey: incidentKeys.one(key), queryFn: () => api<Incident>('GET', path(key)) });
}

export function useIncidentTimeline(key: string) {
  return useQuery({
    queryKey: incidentKeys.timeline(key),
    queryFn: () => api<{ items: TimelineEntry[] }>('GET', `${path(key)}/timeline`),
  });
}

export const fetchIncidents = (filter: IncidentListFilter) =>
  api<{ items: Incident[] }>('GET', withQuery('/api/v1/incidents', { limit: 500, ...filter }));

export function useIncidents(filter: IncidentListFilter) {
  return useQuery({
    queryKey: incidentKeys.list(filter),
    queryFn: () => fetchIncidents(filter),
    placeholderData: keepPreviousData,
  });
}

/** Linked reports, sharing the cache with the inbox preview (`['report', id]`). */
export function useLinkedReports(ids: string[]) {
  return useQueries({
    queries: ids.map((id) => ({
      queryKey: ['report', id],
      queryFn: () => api<Report>('GET', `/api/v1/reports/${id}`),
    })),
  });
}

export const incidentPath = path;

export function useIncidentCounts() {
  return useQuery({
    queryKey: incidentKeys.counts,
    queryFn: () => api<IncidentCounts>('GET', '/api/v1/incidents/counts'),
  });
}
