import { useQuery } from '@tanstack/react-query';
import type { TaxonomyType } from '#contracts/taxonomy.ts';
import { api } from '../../lib/api-client.ts';

/** The taxonomy changes rarely: one fetch per session is plenty. */
export function useTaxonomy() {
  return useQuery({
    queryKey: ['taxonomy'],
    queryFn: () => api<{ items: TaxonomyType[] }>('GET', '/api/v1/taxonomy'),
    staleTime: 10 * 60_000,
    select: (d) => d.items,
  });
}
