import { Anchor, Badge, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { Improvement, Remediation } from '#contracts/lessons.ts';
import { statusLabel } from './lesson-queries.ts';

const statusColour: Record<string, string> = {
  proposed: 'gray',
  open: 'gray',
  accepted: 'blue',
  in_progress: 'yellow',
  done: 'green',
  rejected: 'red',
  wont_fix: 'red',
};

/** Improvement proposals or remediation items as a table; `showIncident` for the boards across incidents. */
export function FollowUpTable({
  items,
  showIncident,
  actions,
  label,
}: {
  items: (Improvement | Remediation)[];
  showIncident?: boolean;
  actions?: (item: Improvement | Remediation) => ReactNode;
  label: string;
}) {
  return (
    <Table striped aria-label={label}>
      <Table.Thead>
        <Table.Tr>
          {showIncident && <Table.Th>Incident</Table.Th>}
          <Table.Th>Title</Table.Th>
          <Table.Th>Status</Table.Th>
          <Table.Th>Owner</Table.Th>
          <Table.Th>Due</Table.Th>
          <Table.Th>Changes</Table.Th>
          {actions && <Table.Th />}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((item) => (
          <Table.Tr key={item.id}>
            {showIncident && (
              <Table.Td>
                <Anchor component={Link} to={`/incidents/${item.incidentKey}?tab=lessons`} size="sm">
                  {item.incidentKey}
                </Anchor>
              </Table.Td>
            )}
            <Table.Td>
              <Text size="sm">{item.title}</Text>
              {item.description && (
                <Text size="xs" c="dimmed" lineClamp={2}>
                  {item.description}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <Badge variant="light" color={statusColour[item.status] ?? 'gray'}>
                {statusLabel(item.status)}
              </Badge>
            </Table.Td>
            <Table.Td>{item.owner?.name ?? '–'}</Table.Td>
            <Table.Td>{item.dueDate ?? '–'}</Table.Td>
            <Table.Td>
              {'playbook' in item
                ? [item.playbook && `Playbook: ${item.playbook.name}`, item.procedure]
                    .filter(Boolean)
                    .join(' · ') || '–'
                : '–'}
            </Table.Td>
            {actions && <Table.Td>{actions(item)}</Table.Td>}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
