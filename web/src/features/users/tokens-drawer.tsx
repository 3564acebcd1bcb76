import {
  Alert,
  Badge,
  Button,
  Code,
  CopyButton,
  Drawer,
  Group,
  NumberInput,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { ApiToken, CreatedToken, User } from '#contracts/identity.ts';
import { api, ApiError, withQuery } from '../../lib/api-client.ts';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { LocalTime } from '../../ui/local-time.tsx';
import { tokensKey } from './users-keys.ts';

/** A user's API tokens: list, create (secret shown once) and revoke. */
export function TokensDrawer({ user, onClose }: { user: User | null; onClose: () => void }) {
  return (
    <Drawer
      opened={user !== null}
      onClose={onClose}
      position="right"
      size="xl"
      title={`API tokens of ${user?.email ?? ''}`}
    >
      {user && <TokensPanel key={user.id} user={user} />}
    </Drawer>
  );
}

function TokensPanel({ user }: { user: User }) {
  const client = useQueryClient();
  const key = tokensKey(user.id);
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const tokens = useQuery({
    queryKey: key,
    queryFn: () => api<{ items: ApiToken[] }>('GET', withQuery('/api/v1/tokens', { userId: user.id })),
  });
  const revoke = useMutation({
    mutationFn: (t: ApiToken) => api<void>('DELETE', `/api/v1/tokens/${t.id}`),
    onSuccess: async () => {
      setRevoking(null);
      await client.invalidateQueries({ queryKey: key });
    },
  });

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        Tools such as a SIEM or a mail gateway use a token instead of a password. A token acts with this
        user’s role and scope; revoke it when the tool is retired or the secret may have leaked.
      </Text>
      {created && <NewSecret created={created} onDone={() => setCreated(null)} />}
      <CreateTokenForm userId={user.id} onCreated={setCreated} />
      <ErrorAlert error={tokens.error} title="Could not load tokens" />
      {tokens.data?.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          No tokens yet.
        </Text>
      ) : (
        <Table aria-label="API tokens" style={{ whiteSpace: 'nowrap' }}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Prefix</Table.Th>
              <Table.Th>Expires</Table.Th>
              <Table.Th>Last used</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th aria-label="Actions" />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tokens.data?.items.map((t) => (
              <Table.Tr key={t.id}>
                <Table.Td>{t.name}</Table.Td>
                <Table.Td ff="monospace">{t.prefix}…</Table.Td>
                <Table.Td>{t.expiresAt ? <LocalTime iso={t.expiresAt} size="xs" /> : 'never'}</Table.Td>
                <Table.Td>{t.lastUsedAt ? <LocalTime iso={t.lastUsedAt} size="xs" /> : 'never'}</Table.Td>
                <Table.Td>
                  <TokenStatus token={t} />
                </Table.Td>
                <Table.Td>
                  {!t.revokedAt && (
                    <Button size="compact-xs" color="red" variant="light" onClick={() => setRevoking(t)}>
                      Revoke
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <ConfirmDialog
        opened={revoking !== null}
        title={`Revoke “${revoking?.name ?? ''}”?`}
        confirmLabel="Revoke"
        loading={revoke.isPending}
        error={revoke.error}
        onConfirm={() => revoking && revoke.mutate(revoking)}
        onCancel={() => {
          setRevoking(null);
          revoke.reset();
        }}
      >
        Anything that uses the token {revoking?.prefix}… stops working at once. This cannot be undone.
      </ConfirmDialog>
    </Stack>
  );
}

function TokenStatus({ token }: { token: ApiToken }) {
  if (token.revokedAt)
    return (
      <Badge color="gray" variant="outline">
        Revoked
      </Badge>
    );
  if (token.expiresAt && new Date(token.expiresAt) < new Date())
    return (
      <Badge color="orange" variant="light">
        Expired
      </Badge>
    );
  return (
    <Badge color="green" variant="light">
      Active
    </Badge>
  );
}

function NewSecret({ created, onDone }: { created: CreatedToken; onDone: () => void }) {
  return (
    <Alert color="yellow" title={`Copy the secret of “${created.token.name}” now: it is shown only once`}>
      <Stack gap="xs">
        <Text size="sm">
          Firebreak keeps only a hash of it. If it is lost, revoke the token and create a new one.
        </Text>
        <Group wrap="nowrap" gap="xs">
          <Code style={{ wordBreak: 'break-all' }} aria-label="Token secret">
            {created.secret}
          </Code>
          <CopyButton value={created.secret}>
            {({ copied, copy }) => (
              <Button size="xs" onClick={copy} color={copied ? 'teal' : undefined}>
                {copied ? 'Copied' : 'Copy'}
              </Button>
            )}
          </CopyButton>
        </Group>
        <Group>
          <Button size="xs" variant="default" onClick={onDone}>
            I have stored it
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

function CreateTokenForm({ userId, onCreated }: { userId: string; onCreated: (c: CreatedToken) => void }) {
  const client = useQueryClient();
  const [name, setName] = useState('');
  const [days, setDays] = useState<number | ''>(90);
  const create = useMutation({
    mutationFn: () =>
      api<CreatedToken>('POST', '/api/v1/tokens', {
        name,
        userId,
        ...(days ? { expiresInDays: days } : {}),
      }),
    onSuccess: async (created) => {
      onCreated(created);
      setName('');
      await client.invalidateQueries({ queryKey: tokensKey(userId) });
    },
  });
  const errors = create.error instanceof ApiError ? create.error.fieldErrors() : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        {create.error && !errors.name && !errors.expiresInDays && (
          <ErrorAlert error={create.error} title="Token not created" />
        )}
        <Group align="flex-start">
          <TextInput
            label="Token name"
            placeholder="e.g. SIEM integration"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
          />
          <NumberInput
            label="Expires in days"
            description="Empty: never"
            min={1}
            max={3650}
            value={days}
            onChange={(v) => setDays(typeof v === 'number' ? v : '')}
            error={errors.expiresInDays}
            w={140}
          />
          <Button type="submit" loading={create.isPending} mt={25}>
            Create token
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
