import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Task, TaskBoard } from '#contracts/tasks.ts';
import { api, type Method } from '../../lib/api-client.ts';

export const taskKeys = { board: (key: string) => ['incident', key, 'tasks'] as const };

export const tasksPath = (key: string) => `/api/v1/incidents/${encodeURIComponent(key)}/tasks`;

export function useTaskBoard(key: string) {
  return useQuery({ queryKey: taskKeys.board(key), queryFn: () => api<TaskBoard>('GET', tasksPath(key)) });
}

/** A change to the tasks of an incident; refreshes the board and the timeline it writes to. */
export function useTaskMutation<T = Task>(key: string, onDone?: (result: T) => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ method, path, body }: { method: Method; path: string; body: unknown }) =>
      api<T>(method, path, body),
    onSuccess: async (result) => {
      await client.invalidateQueries({ queryKey: ['incident', key] });
      onDone?.(result);
    },
  });
}
