import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { Center, Loader } from '@mantine/core';
import type { Me } from '#contracts/identity.ts';
import { api, ApiError, setCsrfToken } from '../lib/api-client.ts';
import { EmptyState } from '../ui/empty-state.tsx';

export const meQueryKey = ['me'] as const;

async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api<Me>('GET', '/api/v1/me');
    setCsrfToken(me.csrfToken);
    return me;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

/** The signed-in user, or null. */
export function useMe() {
  return useQuery({ queryKey: meQueryKey, queryFn: fetchMe, staleTime: 60_000 });
}

export function useSignedInUser(): Me['user'] {
  const { data } = useMe();
  if (!data) throw new Error('useSignedInUser outside RequireAuth');
  return data.user;
}

export function useSetSession() {
  const client = useQueryClient();
  return (me: Me | null) => {
    setCsrfToken(me?.csrfToken ?? null);
    client.setQueryData(meQueryKey, me);
    if (!me) client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
  };
}

/** Renders children for a signed-in user; sends everyone else to the login page and back afterwards. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { data, isPending } = useMe();
  const location = useLocation();
  if (isPending) {
    return (
      <Center h="100vh">
        <Loader aria-label="Loading" />
      </Center>
    );
  }
  if (!data)
    return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return children;
}

/** The admin area; other roles get a plain explanation instead of a page of 403 errors. */
export function RequireAdmin() {
  const user = useSignedInUser();
  if (user.role !== 'admin')
    return (
      <EmptyState title="Administrators only">
        This area manages users, constituencies, intake sources and the audit log. Ask an administrator if you
        need something changed here.
      </EmptyState>
    );
  return <Outlet />;
}
