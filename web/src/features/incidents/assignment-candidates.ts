import { useQuery } from '@tanstack/react-query';
import type { AssignmentCandidate } from '#contracts/incidents.ts';
import { api } from '../../lib/api-client.ts';
import { incidentPath } from './incident-queries.ts';

const rank = (c: AssignmentCandidate) => (c.specialist ? 0 : 2) + (c.available ? 0 : 1);

/**
 * The order a lead picks from: available specialists, specialists away, others available, the rest;
 * within each, the least loaded first, then by name. It mirrors the automatic rule's preference.
 */
export function candidateOrder(items: AssignmentCandidate[]): AssignmentCandidate[] {
  return [...items].sort(
    (a, b) => rank(a) - rank(b) || a.openIncidents - b.openIncidents || a.name.localeCompare(b.name),
  );
}

/** Who may work on the incident, with availability, specialism and workload; asked afresh each time. */
export function useCandidates(key: string) {
  return useQuery({
    queryKey: ['incident', key, 'candidates'],
    queryFn: () => api<{ items: AssignmentCandidate[] }>('GET', `${incidentPath(key)}/candidates`),
    select: (d) => candidateOrder(d.items),
    staleTime: 0,
  });
}
