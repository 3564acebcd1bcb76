import { Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { Me, User } from '#contracts/identity.ts';
import { meQueryKey } from '../../app/session.tsx';
import { api, ApiError } from '../../lib/api-client.ts';
import { DialogActions } from '../../ui/dialog-actions.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { SpecialisationsSelect } from '../taxonomy/specialisations-select.tsx';
import { usersKey } from './users-keys.ts';

/**
 * Edits the specialisations of `user`: one's own (`self`, any handler) or anyone's (admin). Open
 * while `user` is set.
 */
export function SpecialisationsModal({
  user,
  self = false,
  onClose,
}: {
  user: User | null;
  self?: boolean;
  onClose: () => void;
}) {
  return (
    <Modal
      opened={user !== null}
      onClose={onClose}
      title={self ? 'My specialisations' : `Specialisations of ${user?.name ?? ''}`}
      size="lg"
    >
      {user && <SpecialisationsForm user={user} self={self} onClose={onClose} />}
    </Modal>
  );
}

function SpecialisationsForm({ user, self, onClose }: { user: User; self: boolean; onClose: () => void }) {
  const [value, setValue] = useState(user.specialisations);
  const client = useQueryClient();
  const save = useMutation({
    mutationFn: () =>
      self
        ? api<User>('PATCH', '/api/v1/me/availability', { specialisations: value })
        : api<User>('PATCH', `/api/v1/users/${user.id}`, { specialisations: value }),
    onSuccess: (saved) => {
      client.setQueryData<Me | null>(meQueryKey, (me) =>
        me?.user.id === saved.id ? { ...me, user: saved } : me,
      );
      void client.invalidateQueries({ queryKey: usersKey });
      notifications.show({ color: 'green', message: `Specialisations of ${saved.name} saved` });
      onClose();
    },
  });
  const fieldError =
    save.error instanceof ApiError
      ? Object.entries(save.error.fieldErrors()).find(([path]) => path.startsWith('specialisations'))?.[1]
      : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {self && (
          <Text size="sm" c="dimmed">
            Whether you take new incidents at all is the “Available for new incidents” switch in the user
            menu.
          </Text>
        )}
        <SpecialisationsSelect value={value} onChange={setValue} error={fieldError} autoFocus />
        {save.error && !fieldError && <ErrorAlert error={save.error} title="Specialisations not saved" />}
        <DialogActions onCancel={onClose} submitLabel="Save specialisations" loading={save.isPending} />
      </Stack>
    </form>
  );
}
