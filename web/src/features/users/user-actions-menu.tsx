import { Button, Menu } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { User } from '#contracts/identity.ts';
import { api } from '../../lib/api-client.ts';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { usersKey } from './users-keys.ts';

/**
 * The row menu of one user: tokens, password, specialisations, their audit trail, and (with a
 * confirmation) disabling.
 */
export function UserActionsMenu({
  user,
  onTokens,
  onResetPassword,
  onSpecialisations,
}: {
  user: User;
  onTokens: () => void;
  onResetPassword: () => void;
  onSpecialisations: () => void;
}) {
  const client = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const toggle = useMutation({
    mutationFn: () => api<User>('PATCH', `/api/v1/users/${user.id}`, { disabled: !user.disabled }),
    onSuccess: async (updated) => {
      setConfirming(false);
      notifications.show({
        color: 'green',
        message: `${updated.email} is ${updated.disabled ? 'disabled; their sessions and tokens stop working' : 'enabled again'}`,
      });
      await client.invalidateQueries({ queryKey: usersKey });
    },
    onError: (err) => {
      if (!confirming) notifications.show({ color: 'red', title: 'Not changed', message: err.message });
    },
  });

  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button size="compact-sm" variant="subtle" aria-label={`Actions for ${user.email}`}>
            Actions
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item onClick={onTokens}>API tokens</Menu.Item>
          <Menu.Item onClick={onResetPassword}>Reset password</Menu.Item>
          {user.role !== 'viewer' && <Menu.Item onClick={onSpecialisations}>Specialisations…</Menu.Item>}
          <Menu.Item component={Link} to={`/admin/audit?targetId=${encodeURIComponent(user.id)}`}>
            Audit trail
          </Menu.Item>
          <Menu.Divider />
          {user.disabled ? (
            <Menu.Item onClick={() => toggle.mutate()}>Enable</Menu.Item>
          ) : (
            <Menu.Item color="red" onClick={() => setConfirming(true)}>
              Disable…
            </Menu.Item>
          )}
        </Menu.Dropdown>
      </Menu>
      <ConfirmDialog
        opened={confirming}
        title={`Disable ${user.email}?`}
        confirmLabel="Disable"
        loading={toggle.isPending}
        error={toggle.error}
        onConfirm={() => toggle.mutate()}
        onCancel={() => {
          setConfirming(false);
          toggle.reset();
        }}
      >
        They are signed out at once and can no longer sign in or use their API tokens. Their work and audit
        history stay. You can enable them again later.
      </ConfirmDialog>
    </>
  );
}
