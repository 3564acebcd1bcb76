import { useQuery } from '@tanstack/react-query';
import type { CustodyLog, EvidenceItem } from '#contracts/evidence.ts';
import { api } from '../../lib/api-client.ts';

export const evidenceKeys = {
  list: (key: string) => ['incident', key, 'evidence'] as const,
  custody: (key: string, id: string) => ['incident', key, 'evidence', id, 'custody'] as const,
};

/** The API path of an incident's evidence, or of one item under it. */
export const evidencePath = (key: string, id?: string) =>
  `/api/v1/incidents/${encodeURIComponent(key)}/evidence${id ? `/${encodeURIComponent(id)}` : ''}`;

export function useEvidence(key: string) {
  return useQuery({
    queryKey: evidenceKeys.list(key),
    queryFn: () => api<{ items: EvidenceItem[] }>('GET', evidencePath(key)),
  });
}

export function useCustody(key: string, id: string) {
  return useQuery({
    queryKey: evidenceKeys.custody(key, id),
    queryFn: () => api<CustodyLog>('GET', `${evidencePath(key, id)}/custody`),
  });
}
