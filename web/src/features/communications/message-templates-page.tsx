import { Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { MessageTemplate } from '#contracts/message-templates.ts';
import { api } from '../../lib/api-client.ts';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { LocalTime } from '../../ui/local-time.tsx';
import { RowActions } from '../../ui/row-actions.tsx';
import { messageTemplatesKey } from './compose-form.ts';
import { MessageTemplateDialog } from './message-template-dialog.tsx';

/** Admin › Message templates: per incident type × audience × language. The open editor lives in the URL. */
export function MessageTemplatesPage() {
  const [params, setParams] = useSearchParams();
  const client = useQueryClient();
  const [deleting, setDeleting] = useState<MessageTemplate | null>(null);
  const templates = useQuery({
    queryKey: messageTemplatesKey,
    queryFn: () => api<{ items: MessageTemplate[] }>('GET', '/api/v1/message-templates'),
  });
  const remove = useMutation({
    mutationFn: (t: MessageTemplate) =>
      api<void>('DELETE', `/api/v1/message-templates/${encodeURIComponent(t.id)}`),
    onSuccess: async () => {
      setDeleting(null);
      await client.invalidateQueries({ queryKey: messageTemplatesKey });
    },
  });
  const edit = (value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set('template', value);
    else next.delete('template');
    setParams(next);
  };
  const editing = params.get('template');
  const items = templates.data?.items ?? [];
  const selected = editing === 'new' ? 'new' : (items.find((t) => t.id === editing) ?? null);

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={2}>Message templates</Title>
        <Button onClick={() => edit('new')}>New template</Button>
      </Group>
      <Text size="sm" c="dimmed">
        Handlers start messages to constituencies, ISPs and other parties from these. A template applies to
        one incident type or to all, for a technical or a descriptive audience, in one language.
      </Text>
      <ErrorAlert error={templates.error} title="Could not load the message templates" />
      {templates.isSuccess && items.length === 0 ? (
        <EmptyState title="No message templates">Handlers then write every message from scratch.</EmptyState>
      ) : (
        <Table striped highlightOnHover aria-label="Message templates">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Type</Table.Th>
              <Table.Th>Audience</Table.Th>
              <Table.Th>Language</Table.Th>
              <Table.Th>Changed</Table.Th>
              <Table.Th aria-label="Actions" />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((t) => (
              <Table.Tr key={t.id}>
                <Table.Td>{t.name}</Table.Td>
                <Table.Td ff={t.typeId ? 'monospace' : undefined} c={t.typeId ? undefined : 'dimmed'}>
                  {t.typeId ?? 'any'}
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={t.audience === 'technical' ? 'blue' : 'grape'} tt="none">
                    {t.audience}
                  </Badge>
                </Table.Td>
                <Table.Td ff="monospace">{t.language}</Table.Td>
                <Table.Td>
                  <LocalTime iso={t.updatedAt} size="xs" />{' '}
                  <Text size="xs" c="dimmed" span>
                    by {t.updatedBy}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <RowActions
                    actions={[
                      { label: 'Edit', ariaLabel: `Edit ${t.name}`, onClick: () => edit(t.id) },
                      {
                        label: 'Delete',
                        ariaLabel: `Delete ${t.name}`,
                        color: 'red',
                        onClick: () => setDeleting(t),
                      },
                    ]}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <MessageTemplateDialog template={selected} onClose={() => edit(null)} />
      <ConfirmDialog
        opened={deleting !== null}
        title={`Delete the template “${deleting?.name ?? ''}”?`}
        confirmLabel="Delete"
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() => deleting && remove.mutate(deleting)}
        onCancel={() => {
          setDeleting(null);
          remove.reset();
        }}
      >
        Messages already sent from it stay on their incidents.
      </ConfirmDialog>
    </Stack>
  );
}
