import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Blocklist,
  EnrichResponse,
  ExtractedObservable,
  IncidentObservable,
  NewIncidentObservable,
} from '#contracts/observables.ts';
import type { z } from 'zod';
import { api } from '../../lib/api-client.ts';

export const observableKeys = {
  incident: (key: string) => ['incident', key, 'observables'] as const,
  blocklists: ['blocklists'] as const,
};

export const observablesPath = (key: string) => `/api/v1/incidents/${encodeURIComponent(key)}/observables`;

type List = { items: IncidentObservable[] };

export function useIncidentObservables(key: string) {
  return useQuery({
    queryKey: observableKeys.incident(key),
    queryFn: () => api<List>('GET', observablesPath(key)),
  });
}

/** Every write answers the list as it now is: it replaces the cache at once, no refetch needed. */
export function useObservableWrites(key: string) {
  const client = useQueryClient();
  const store = (data: List) => client.setQueryData(observableKeys.incident(key), data);
  const path = observablesPath(key);
  return {
    add: useMutation({
      mutationFn: (items: NewIncidentObservable[]) =>
        items.length === 1
          ? api<List>('POST', path, items[0])
          : api<List>('POST', `${path}/batch`, { items }),
      onSuccess: store,
    }),
    update: useMutation({
      mutationFn: ({ id, ...changes }: { id: string; tags?: string[]; ioc?: boolean; tlp?: string }) =>
        api<List>('PATCH', `${path}/${encodeURIComponent(id)}`, changes),
      onSuccess: store,
    }),
    remove: useMutation({
      mutationFn: (id: string) => api<void>('DELETE', `${path}/${encodeURIComponent(id)}`),
      onSuccess: () => client.invalidateQueries({ queryKey: observableKeys.incident(key) }),
    }),
    enrich: useMutation({
      mutationFn: (body: { items?: ExtractedObservable[]; force?: boolean }) =>
        api<z.infer<typeof EnrichResponse>>('POST', `${path}/enrich`, body),
      // The list carries the cached results with their time: refetch it to show them.
      onSuccess: () => client.invalidateQueries({ queryKey: observableKeys.incident(key) }),
    }),
  };
}

export function useBlocklists() {
  return useQuery({
    queryKey: observableKeys.blocklists,
    queryFn: () => api<{ items: Blocklist[] }>('GET', '/api/v1/blocklists'),
  });
}
