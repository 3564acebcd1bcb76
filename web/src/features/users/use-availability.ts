import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Me, UpdateAvailability, User } from '#contracts/identity.ts';
import { meQueryKey } from '../../app/session.tsx';
import { api } from '../../lib/api-client.ts';

const withUser = (user: User) => (me: Me | null | undefined) => (me ? { ...me, user } : me);

/**
 * Sets one's own availability and specialisations. The switch shows the new state at once and goes
 * back, with a notification, if the server refuses: it decides who automatic assignment picks.
 */
export function useAvailability() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateAvailability) => api<User>('PATCH', '/api/v1/me/availability', input),
    onMutate: (input) => {
      const before = client.getQueryData<Me | null>(meQueryKey);
      if (before) client.setQueryData(meQueryKey, withUser({ ...before.user, ...input }));
      return { before };
    },
    onSuccess: (user) => client.setQueryData(meQueryKey, withUser(user)),
    onError: (error, _input, context) => {
      if (context?.before) client.setQueryData(meQueryKey, context.before);
      notifications.show({ color: 'red', title: 'Availability not changed', message: error.message });
    },
  });
}
