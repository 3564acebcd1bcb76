import {
  Button,
  FileButton,
  Group,
  Modal,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { Blocklist } from '#contracts/observables.ts';
import { api } from '../../lib/api-client.ts';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { DialogActions } from '../../ui/dialog-actions.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { LocalTime } from '../../ui/local-time.tsx';
import { RowActions } from '../../ui/row-actions.tsx';
import { observableKeys, useBlocklists } from './observable-queries.ts';

/** Admin › Blocklists: named local lists the blocklist analyzer checks observables against. */
export function BlocklistsPage() {
  const lists = useBlocklists();
  const client = useQueryClient();
  const [editing, setEditing] = useState<Blocklist | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Blocklist | null>(null);
  const remove = useMutation({
    mutationFn: (b: Blocklist) => api<void>('DELETE', `/api/v1/blocklists/${encodeURIComponent(b.id)}`),
    onSuccess: async () => {
      setDeleting(null);
      await client.invalidateQueries({ queryKey: observableKeys.blocklists });
    },
  });
  const items = lists.data?.items ?? [];
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={2}>Blocklists</Title>
        <Button onClick={() => setEditing('new')}>New blocklist</Button>
      </Group>
      <Text size="sm" c="dimmed">
        Lists of IPs, netblocks, domains, URLs, e-mail addresses and hashes held here. Enrichment marks an
        observable on any of them as malicious; a listed netblock covers every address in it, a listed domain
        every host under it.
      </Text>
      <ErrorAlert error={lists.error} title="Could not load the blocklists" />
      {lists.isSuccess && items.length === 0 ? (
        <EmptyState title="No blocklists yet">Paste or upload a list, one entry a line.</EmptyState>
      ) : (
        <Table striped aria-label="Blocklists">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Entries</Table.Th>
              <Table.Th>Updated</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((b) => (
              <Table.Tr key={b.id}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {b.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {b.description}
                  </Text>
                </Table.Td>
                <Table.Td>{b.entryCount}</Table.Td>
                <Table.Td>
                  <LocalTime iso={b.updatedAt} />{' '}
                  <Text size="xs" c="dimmed">
                    {b.updatedBy}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <RowActions
                    actions={[
                      { label: 'Replace', ariaLabel: `Replace ${b.name}`, onClick: () => setEditing(b) },
                      {
                        label: 'Delete',
                        ariaLabel: `Delete ${b.name}`,
                        color: 'red',
                        onClick: () => setDeleting(b),
                      },
                    ]}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {editing && (
        <BlocklistDialog list={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
      <ConfirmDialog
        opened={deleting !== null}
        title="Delete the blocklist?"
        confirmLabel="Delete"
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() => deleting && remove.mutate(deleting)}
        onCancel={() => setDeleting(null)}
      >
        {deleting && `${deleting.name} and its ${deleting.entryCount} entries are deleted.`}
      </ConfirmDialog>
    </Stack>
  );
}

/** Creates a list or replaces one's entries; the entries are pasted or read from a text file. */
function BlocklistDialog({ list, onClose }: { list: Blocklist | null; onClose: () => void }) {
  const client = useQueryClient();
  const [name, setName] = useState(list?.name ?? '');
  const [description, setDescription] = useState(list?.description ?? '');
  const [entries, setEntries] = useState('');
  const save = useMutation({
    mutationFn: () =>
      list
        ? api<Blocklist>('PUT', `/api/v1/blocklists/${encodeURIComponent(list.id)}`, {
            name,
            description,
            entries,
          })
        : api<Blocklist>('POST', '/api/v1/blocklists', { name, description, entries }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: observableKeys.blocklists });
      onClose();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <Modal opened onClose={onClose} title={list ? `Replace ${list.name}` : 'New blocklist'} size="lg">
      <form onSubmit={submit}>
        <Stack>
          <TextInput
            label="Name"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            required
            data-autofocus
          />
          <TextInput
            label="Description"
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
          />
          <Textarea
            label="Entries"
            description={
              list
                ? `Replaces all ${list.entryCount} entries. One a line; # starts a comment.`
                : 'One a line; # starts a comment.'
            }
            autosize
            minRows={6}
            maxRows={16}
            ff="monospace"
            value={entries}
            onChange={(e) => setEntries(e.currentTarget.value)}
          />
          <FileButton
            onChange={(file) => void file?.text().then(setEntries)}
            accept="text/plain,.txt,.csv,.list"
          >
            {(props) => (
              <Button variant="default" size="xs" {...props}>
                Read entries from a file
              </Button>
            )}
          </FileButton>
          <ErrorAlert error={save.error} title="Could not save the blocklist" />
          <DialogActions
            onCancel={onClose}
            submitLabel={list ? 'Replace' : 'Create'}
            loading={save.isPending}
            disabled={!name.trim()}
          />
        </Stack>
      </form>
    </Modal>
  );
}
