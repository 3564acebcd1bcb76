import { Badge, Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { User } from '#contracts/identity.ts';
import { useSignedInUser } from '../../app/session.tsx';
import { api, withQuery } from '../../lib/api-client.ts';
import { useLiveEvent } from '../../lib/live-events.tsx';
import { useUrlFilter } from '../../lib/use-url-filter.ts';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { RoleBadge } from '../../ui/role-badge.tsx';
import { TlpBadge } from '../../ui/tlp-badge.tsx';
import { CreateUserModal } from './create-user-modal.tsx';
import { ResetPasswordModal } from './reset-password-modal.tsx';
import { SpecialisationsModal } from './specialisations-modal.tsx';
import { TokensDrawer } from './tokens-drawer.tsx';
import { UserActionsMenu } from './user-actions-menu.tsx';
import { UserAvailability } from './user-availability.tsx';
import { usersKey } from './users-keys.ts';

export function UsersPage() {
  const me = useSignedInUser();
  const [input, setInput, q] = useUrlFilter('q');
  const client = useQueryClient();
  const users = useQuery({
    queryKey: [...usersKey, q],
    queryFn: () => api<{ items: User[] }>('GET', withQuery('/api/v1/users', { q })),
    placeholderData: keepPreviousData,
  });
  useLiveEvent('user.changed', () => void client.invalidateQueries({ queryKey: usersKey }));
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<User | null>(null);
  const [tokensOf, setTokensOf] = useState<User | null>(null);
  const [specialising, setSpecialising] = useState<User | null>(null);
  const items = users.data?.items ?? [];

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={2}>Users</Title>
        <Button onClick={() => setCreating(true)}>New user</Button>
      </Group>
      <Text size="sm" c="dimmed">
        Who may sign in, with which role, and which constituencies and TLP levels they may see.
      </Text>
      <TextInput
        aria-label="Filter users"
        placeholder="Filter by e-mail, name or role"
        value={input}
        maw={360}
        onChange={(e) => setInput(e.currentTarget.value)}
      />
      <ErrorAlert error={users.error} title="Could not load users" />
      {users.isSuccess && items.length === 0 ? (
        <EmptyState title="No users match">Change the filter, or create the user with “New user”.</EmptyState>
      ) : (
        <Table striped highlightOnHover aria-label="Users">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>E-mail</Table.Th>
              <Table.Th>Name</Table.Th>
              <Table.Th>Role</Table.Th>
              <Table.Th>Scope</Table.Th>
              <Table.Th>Availability and specialisations</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th aria-label="Actions" />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((u) => (
              <Table.Tr key={u.id} c={u.disabled ? 'dimmed' : undefined}>
                <Table.Td ff="monospace">{u.email}</Table.Td>
                <Table.Td>
                  {u.name}
                  {u.id === me.id && (
                    <Text span size="xs" c="dimmed">
                      {' '}
                      (you)
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <RoleBadge role={u.role} />
                </Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Text size="sm">
                      {u.scope.constituencies === null
                        ? 'All constituencies'
                        : `${u.scope.constituencies.length} constituencies`}
                    </Text>
                    <Text size="xs" c="dimmed">
                      up to
                    </Text>
                    <TlpBadge tlp={u.scope.tlpCeiling} />
                  </Group>
                </Table.Td>
                <Table.Td>
                  <UserAvailability user={u} />
                </Table.Td>
                <Table.Td>
                  {u.disabled ? (
                    <Badge color="gray" variant="outline">
                      Disabled
                    </Badge>
                  ) : (
                    <Badge color="green" variant="light">
                      Active
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td ta="right">
                  <UserActionsMenu
                    user={u}
                    onTokens={() => setTokensOf(u)}
                    onResetPassword={() => setResetting(u)}
                    onSpecialisations={() => setSpecialising(u)}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <CreateUserModal opened={creating} onClose={() => setCreating(false)} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
      <TokensDrawer user={tokensOf} onClose={() => setTokensOf(null)} />
      <SpecialisationsModal user={specialising} onClose={() => setSpecialising(null)} />
    </Stack>
  );
}
