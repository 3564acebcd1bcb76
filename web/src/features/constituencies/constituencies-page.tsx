import { Badge, Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import type { ConstituencySummary, Criticality } from '#contracts/constituencies.ts';
import { api, withQuery } from '../../lib/api-client.ts';
import { useLiveEvent } from '../../lib/live-events.tsx';
import { useSignedInUser } from '../../app/session.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { ConstituencyEditor } from './constituency-editor.tsx';
import { formatLocal, formatUtc } from '../../lib/time.ts';

export const criticalityColour: Record<Criticality, string> = {
  critical: 'red',
  high: 'orange',
  medium: 'yellow',
  low: 'gray',
};

/** Admin › Constituencies. The selected constituency (or `new`) lives in the URL. */
export function ConstituenciesPage() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const selected = params.get('edit');
  const user = useSignedInUser();
  const client = useQueryClient();
  const list = useQuery({
    queryKey: ['constituencies', q],
    queryFn: () => api<{ items: ConstituencySummary[] }>('GET', withQuery('/api/v1/constituencies', { q })),
  });
  useLiveEvent('constituency.changed', () => void client.invalidateQueries({ queryKey: ['constituencies'] }));
  const open = (edit: string | null) => {
    const next = new URLSearchParams(params);
    if (edit) next.set('edit', edit);
    else next.delete('edit');
    setParams(next);
  };

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Constituencies</Title>
        {user.role === 'admin' && <Button onClick={() => open('new')}>New constituency</Button>}
      </Group>
      <TextInput
        aria-label="Filter constituencies"
        placeholder="Filter by name, domain or contact"
        defaultValue={q}
        maw={360}
        onChange={(e) => {
          const next = new URLSearchParams(params);
          if (e.currentTarget.value) next.set('q', e.currentTarget.value);
          else next.delete('q');
          setParams(next, { replace: true });
        }}
      />
      <ErrorAlert error={list.error} />
      {list.data?.items.length === 0 ? (
        <EmptyState title={q ? 'No constituency matches' : 'No constituencies yet'}>
          Constituencies are who your team serves. Add each with its netblocks, domains and AS numbers, so
          reports are matched to it automatically, and with the contacts to notify.
        </EmptyState>
      ) : (
        <Table striped highlightOnHover aria-label="Constituencies">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Criticality</Table.Th>
              <Table.Th>Assets</Table.Th>
              <Table.Th>Contacts</Table.Th>
              <Table.Th>Changed</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data?.items.map((c) => (
              <Table.Tr key={c.id} onClick={() => open(c.id)} style={{ cursor: 'pointer' }}>
                <Table.Td>
                  <Text fw={500} size="sm">
                    {c.name}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge color={criticalityColour[c.criticality]}>{c.criticality}</Badge>
                </Table.Td>
                <Table.Td>{c.assetCount.toLocaleString()}</Table.Td>
                <Table.Td>{c.contactCount}</Table.Td>
                <Table.Td title={formatUtc(c.updatedAt)}>{formatLocal(c.updatedAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <ConstituencyEditor id={selected} onClose={() => open(null)} readOnly={user.role !== 'admin'} />
    </Stack>
  );
}
