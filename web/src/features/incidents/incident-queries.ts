import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import type { Incident, Phase, TimelineEntry } from '#contracts/incidents.ts';
import type { Report } from '#contracts/reports.ts';
import type { TaxonomyType } from '#contracts/taxonomy.ts';
import { api, withQuery } from '../../lib/api-client.ts';

export const incidentKeys = {
  lists: ['incidents'] as const,
  list: (filter: IncidentListFilter) => ['incidents', filter] as const,
  one: (key: string) => ['incident', key] as const,
  timeline: (key: string) => ['incident', key, 'timeline'] as const,
};

export interface IncidentListFilter {
  phase?: Phase | undefined;
  open?: 'true' | 'false' | undefined;
  sort?: 'queue' | undefined;
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

/** The taxonomy changes rarely: one fetch per session is plenty. */
export function useTaxonomy() {
  return useQuery({
    queryKey: ['taxonomy'],
    queryFn: () => api<{ items: TaxonomyType[] }>('GET', '/api/v1/taxonomy'),
    staleTime: 10 * 60_000,
    select: (d) => d.items,
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
