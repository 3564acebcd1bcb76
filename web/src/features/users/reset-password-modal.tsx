import { Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { User } from '#contracts/identity.ts';
import { api, ApiError } from '../../lib/api-client.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';

export function ResetPasswordModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const [password, setPassword] = useState('');
  const reset = useMutation({
    mutationFn: (u: User) => api<void>('POST', `/api/v1/users/${u.id}/password`, { password }),
    onSuccess: (_, u) => {
      notifications.show({ color: 'green', message: `Password of ${u.email} reset; their sessions ended` });
      close();
    },
  });
  const fieldError = reset.error instanceof ApiError ? reset.error.fieldErrors().password : undefined;
  const close = () => {
    setPassword('');
    reset.reset();
    onClose();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (user) reset.mutate(user);
  };
  return (
    <Modal opened={user !== null} onClose={close} title={`Reset password of ${user?.email ?? ''}`}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            Their open sessions end at once. Give them the new password over a separate channel.
          </Text>
          {reset.error && !fieldError && <ErrorAlert error={reset.error} title="Password not reset" />}
          <PasswordInput
            label="New password"
            description="At least 12 characters"
            autoComplete="new-password"
            required
            data-autofocus
            value={password}
            error={fieldError}
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={reset.isPending}>
              Reset password
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
