import { useQuery } from '@tanstack/react-query';
import type { Improvement, Lessons, PendingReview, Remediation } from '#contracts/lessons.ts';
import { api, withQuery } from '../../lib/api-client.ts';
import { incidentPath } from '../incidents/incident-queries.ts';

export type FollowUpPath = 'improvements' | 'remediations';

// Per incident under `['incident', key]`: the incident page refetches them on every live change of it.
export const lessonKeys = {
  lessons: (key: string) => ['incident', key, 'lessons'] as const,
  followUps: (key: string, path: FollowUpPath) => ['incident', key, path] as const,
  boards: ['post-analysis'] as const,
};

export const lessonsPath = (key: string) => `${incidentPath(key)}/lessons`;
export const followUpsPath = (key: string, path: FollowUpPath) => `${incidentPath(key)}/${path}`;

export function useLessons(key: string) {
  return useQuery({
    queryKey: lessonKeys.lessons(key),
    queryFn: () => api<Lessons>('GET', lessonsPath(key)),
  });
}

export function useFollowUps<T extends Improvement | Remediation>(key: string, path: FollowUpPath) {
  return useQuery({
    queryKey: lessonKeys.followUps(key, path),
    queryFn: () => api<{ items: T[] }>('GET', followUpsPath(key, path)),
  });
}

export function usePendingReviews(period: { from?: string; to?: string }) {
  return useQuery({
    queryKey: [...lessonKeys.boards, 'pending', period],
    queryFn: () => api<{ items: PendingReview[] }>('GET', withQuery('/api/v1/post-analysis', period)),
  });
}

export function useImprovementBoard(status: string | null, owner: string | null) {
  return useQuery({
    queryKey: [...lessonKeys.boards, 'improvements', status, owner],
    queryFn: () => api<{ items: Improvement[] }>('GET', withQuery('/api/v1/improvements', { status, owner })),
  });
}

export function useOpenRemediations() {
  return useQuery({
    queryKey: [...lessonKeys.boards, 'remediations'],
    queryFn: () => api<{ items: Remediation[] }>('GET', '/api/v1/remediations?open=true'),
  });
}

export const statusLabel = (s: string) => s.replace(/_/g, ' ');
