import { Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Mailbox, MailboxPollResult } from '#contracts/mailboxes.ts';
import { api } from '../../lib/api-client.ts';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { LocalTime } from '../../ui/local-time.tsx';
import { RowActions } from '../../ui/row-actions.tsx';
import { intakeKeys } from './intake-keys.ts';
import { MailboxDialog } from './mailbox-dialog.tsx';

/** Admin › Intake › Mailboxes: the IMAP mailboxes read for reports, their last poll, and "poll now". */
export function MailboxesSection() {
  const client = useQueryClient();
  const [editing, setEditing] = useState<Mailbox | 'new' | null>(null);
  const [removing, setRemoving] = useState<Mailbox | null>(null);
  const mailboxes = useQuery({
    queryKey: intakeKeys.mailboxes,
    queryFn: () => api<{ items: Mailbox[] }>('GET', '/api/v1/intake/mailboxes'),
  });
  const refresh = () => client.invalidateQueries({ queryKey: intakeKeys.mailboxes });
  const poll = useMutation({
    mutationFn: (id: string) => api<MailboxPollResult>('POST', `/api/v1/intake/mailboxes/${id}/poll`),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (id: string) => api('DELETE', `/api/v1/intake/mailboxes/${id}`),
    onSuccess: async () => {
      setRemoving(null);
      await refresh();
    },
  });
  const items = mailboxes.data?.items ?? [];
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={3}>Mailboxes</Title>
        <Button onClick={() => setEditing('new')}>Add mailbox</Button>
      </Group>
      <Text size="sm" c="dimmed">
        Every minute each mailbox is read over IMAP: each message becomes a report (or joins the incident it
        answers) and is then moved to the processed folder.
      </Text>
      <ErrorAlert error={mailboxes.error ?? poll.error} title="Mailboxes" />
      {mailboxes.isSuccess && items.length === 0 ? (
        <EmptyState title="No mailboxes">
          Reports by e-mail can also come through the SMTP listener.
        </EmptyState>
      ) : (
        <Table striped highlightOnHover aria-label="Mailboxes">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Server</Table.Th>
              <Table.Th>Folders</Table.Th>
              <Table.Th>Last poll</Table.Th>
              <Table.Th aria-label="Actions" />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((m) => (
              <Table.Tr key={m.id}>
                <Table.Td>
                  {m.name} {!m.enabled && <Badge color="gray">off</Badge>}
                </Table.Td>
                <Table.Td ff="monospace">
                  {m.username}@{m.host}:{m.port}
                </Table.Td>
                <Table.Td ff="monospace">
                  {m.folder} → {m.processedFolder}
                </Table.Td>
                <Table.Td>
                  <LastPoll mailbox={m} />
                </Table.Td>
                <Table.Td>
                  <RowActions
                    actions={[
                      {
                        label: 'Poll now',
                        ariaLabel: 'Poll now',
                        loading: poll.isPending && poll.variables === m.id,
                        onClick: () => poll.mutate(m.id),
                      },
                      { label: 'Edit', ariaLabel: `Edit ${m.name}`, onClick: () => setEditing(m) },
                      {
                        label: 'Remove',
                        ariaLabel: `Remove ${m.name}`,
                        color: 'red',
                        onClick: () => setRemoving(m),
                      },
                    ]}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <MailboxDialog mailbox={editing} onClose={() => setEditing(null)} />
      <ConfirmDialog
        opened={removing !== null}
        title={`Stop reading ${removing?.name ?? ''}?`}
        confirmLabel="Remove"
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() => removing && remove.mutate(removing.id)}
        onCancel={() => setRemoving(null)}
      >
        Mail already taken in stays; nothing more is read from this mailbox.
      </ConfirmDialog>
    </Stack>
  );
}

function LastPoll({ mailbox: m }: { mailbox: Mailbox }) {
  if (!m.lastPolledAt)
    return (
      <Text size="sm" c="dimmed">
        never
      </Text>
    );
  return (
    <Stack gap={0}>
      <Text size="sm">
        <LocalTime iso={m.lastPolledAt} span /> · {m.lastCount ?? 0} taken
      </Text>
      {m.lastError && (
        <Text size="sm" c="red" role="status">
          {m.lastError}
        </Text>
      )}
    </Stack>
  );
}
