import { Table, Text } from '@mantine/core';
import type { Classification } from '#contracts/incidents.ts';
import { LocalTime } from '../../ui/local-time.tsx';
import { stageLabel } from './incident-labels.ts';

/** Every classification, oldest first: the guide expects up to three (initial, resolution, final). */
export function ClassificationHistory({ items }: { items: Classification[] }) {
  if (items.length === 0)
    return (
      <Text size="sm" c="dimmed">
        Not classified yet. Classify it against the taxonomy with “Classify” once the report is verified.
      </Text>
    );
  return (
    <Table aria-label="Classification history" verticalSpacing={4}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={100}>Stage</Table.Th>
          <Table.Th>Type</Table.Th>
          <Table.Th>Note</Table.Th>
          <Table.Th>By</Table.Th>
          <Table.Th w={200}>When</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((c) => (
          <Table.Tr key={`${c.at}-${c.stage}-${c.typeId}`}>
            <Table.Td>{stageLabel[c.stage]}</Table.Td>
            <Table.Td>
              <b>{c.typeLabel}</b>{' '}
              <Text span size="xs" c="dimmed">
                {c.classLabel} · {c.typeId}
              </Text>
            </Table.Td>
            <Table.Td>{c.note}</Table.Td>
            <Table.Td ff="monospace" fz="xs">
              {c.actor}
            </Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>
              <LocalTime iso={c.at} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
