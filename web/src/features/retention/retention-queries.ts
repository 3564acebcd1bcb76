import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  LegalHold,
  RetentionPolicy,
  RetentionPreview,
  RetentionRunResult,
  Tombstone,
} from '#contracts/retention.ts';
import { api, type Method } from '../../lib/api-client.ts';
import { useLiveEvent } from '../../lib/live-events.tsx';

export const retentionKeys = {
  all: ['retention'] as const,
  policies: ['retention', 'policies'] as const,
  preview: ['retention', 'preview'] as const,
  tombstones: ['retention', 'tombstones'] as const,
  tombstone: (key: string) => ['retention', 'tombstones', key] as const,
  hold: (key: string) => ['retention', 'hold', key] as const,
};

export function useRetentionPolicies() {
  return useQuery({
    queryKey: retentionKeys.policies,
    queryFn: () => api<{ items: RetentionPolicy[] }>('GET', '/api/v1/retention/policies'),
    select: (d) => d.items,
  });
}

export function useRetentionPreview() {
  return useQuery({
    queryKey: retentionKeys.preview,
    queryFn: () => api<RetentionPreview>('GET', '/api/v1/retention/preview'),
  });
}

export function useTombstones() {
  return useQuery({
    queryKey: retentionKeys.tombstones,
    queryFn: () => api<{ items: Tombstone[] }>('GET', '/api/v1/retention/tombstones'),
    select: (d) => d.items,
  });
}

export function useTombstone(key: string, enabled = true) {
  return useQuery({
    queryKey: retentionKeys.tombstone(key),
    queryFn: () => api<Tombstone>('GET', `/api/v1/retention/tombstones/${key}`),
    enabled,
    retry: false,
  });
}

/** Policy writes refresh the policies and the preview that depends on them. */
export function usePolicyMutation(onDone: () => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ method, path, body }: { method: Method; path: string; body?: unknown }) =>
      api<RetentionPolicy | undefined>(method, path, body),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: retentionKeys.all });
      onDone();
    },
  });
}

export function useRunRetention(onDone: (result: RetentionRunResult) => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<RetentionRunResult>('POST', '/api/v1/retention/run'),
    onSuccess: async (result) => {
      await client.invalidateQueries();
      onDone(result);
    },
  });
}

export function useLegalHold(key: string) {
  const client = useQueryClient();
  useLiveEvent('incident.changed', (e) => {
    if (e.data.key === key) void client.invalidateQueries({ queryKey: retentionKeys.hold(key) });
  });
  return useQuery({
    queryKey: retentionKeys.hold(key),
    queryFn: () => api<LegalHold>('GET', `/api/v1/incidents/${key}/legal-hold`),
  });
}

export function useSetLegalHold(key: string, onDone: () => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { held: boolean; reason: string }) =>
      api<LegalHold>('PUT', `/api/v1/incidents/${key}/legal-hold`, body),
    onSuccess: async (hold) => {
      client.setQueryData(retentionKeys.hold(key), hold);
      await client.invalidateQueries({ queryKey: ['incident', key] });
      onDone();
    },
  });
}
