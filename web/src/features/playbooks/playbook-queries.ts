import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Playbook } from '#contracts/playbooks.ts';
import { api, type Method } from '../../lib/api-client.ts';

export const playbookKeys = { all: ['playbooks'] as const };

export function usePlaybooks() {
  return useQuery({
    queryKey: playbookKeys.all,
    queryFn: () => api<{ items: Playbook[] }>('GET', '/api/v1/playbooks'),
    select: (d) => d.items,
  });
}

export function usePlaybookMutation(onDone: () => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ method, path, body }: { method: Method; path: string; body?: unknown }) =>
      api<Playbook | undefined>(method, path, body),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: playbookKeys.all });
      onDone();
    },
  });
}
