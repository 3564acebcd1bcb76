import { Checkbox, Group, Loader, Radio, ScrollArea, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Incident } from '#contracts/incidents.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { PriorityBadge } from '../../ui/priority-badge.tsx';
import { TlpBadge } from '../../ui/tlp-badge.tsx';
import { fetchIncidents, incidentKeys } from './incident-queries.ts';
import { phaseLabel } from './incident-labels.ts';

const SHOWN = 20;

/**
 * Finds incidents by key or words of the title (the newest first while nothing is typed) and picks
 * one (`single`) or several. Merged incidents and those in `exclude` are not offered.
 */
export function IncidentPicker({
  label,
  selected,
  onToggle,
  exclude = [],
  single = false,
  openOnly = false,
  error,
}: {
  label: string;
  selected: string[];
  onToggle: (incident: Incident, picked: boolean) => void;
  exclude?: string[];
  single?: boolean;
  openOnly?: boolean;
  error?: string | undefined;
}) {
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text.trim(), 250);
  const filter = { q: q || undefined, open: openOnly ? ('true' as const) : undefined, limit: SHOWN + 10 };
  const found = useQuery({
    queryKey: [...incidentKeys.list(filter), 'picker'],
    queryFn: () => fetchIncidents(filter),
    placeholderData: keepPreviousData,
  });
  const items = (found.data?.items ?? [])
    .filter((i) => !i.mergedInto && !exclude.includes(i.key))
    .slice(0, SHOWN);
  const Control = single ? Radio : Checkbox;
  return (
    <Stack gap="xs">
      <TextInput
        label={label}
        placeholder="Key such as FB-2026-00042, or words of the title"
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        error={error}
        rightSection={found.isFetching ? <Loader size="xs" /> : null}
        data-autofocus
      />
      <ErrorAlert error={found.error} title="Could not search incidents" />
      {found.isSuccess && items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {q ? `No incident matches “${q}”.` : 'No other incident to choose.'}
        </Text>
      ) : (
        <ScrollArea.Autosize mah={260} type="auto">
          <Table aria-label="Matching incidents" verticalSpacing={2} highlightOnHover>
            <Table.Tbody>
              {items.map((i) => (
                <Table.Tr key={i.key}>
                  <Table.Td w={32}>
                    <Control
                      name={single ? 'picked-incident' : undefined}
                      aria-label={`${i.key} ${i.title}`}
                      checked={selected.includes(i.key)}
                      onChange={(e) => onToggle(i, e.currentTarget.checked)}
                    />
                  </Table.Td>
                  <Table.Td w={120} ff="monospace" fz="sm" style={{ whiteSpace: 'nowrap' }}>
                    {i.key}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={1} title={i.title}>
                      {i.title}
                    </Text>
                  </Table.Td>
                  <Table.Td w={210}>
                    <Group gap={4} wrap="nowrap">
                      <PriorityBadge priority={i.priority} size="sm" />
                      <TlpBadge tlp={i.tlp} />
                      <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                        {phaseLabel[i.phase]}
                      </Text>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
      )}
    </Stack>
  );
}
