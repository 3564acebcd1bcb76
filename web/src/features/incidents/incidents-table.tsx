import { Anchor, Group, Table, Text, UnstyledButton } from '@mantine/core';
import { Link, useNavigate } from 'react-router-dom';
import type { Incident } from '#contracts/incidents.ts';
import { useNow } from '../../lib/use-now.ts';
import { PriorityBadge } from '../../ui/priority-badge.tsx';
import { RelativeTime } from '../../ui/relative-time.tsx';
import { CriticalityBadge, SeverityBadge } from '../../ui/severity-badge.tsx';
import { TlpBadge } from '../../ui/tlp-badge.tsx';
import { phaseLabel } from './incident-labels.ts';

/** Dense incident list; the key is the link, the whole row opens it for the mouse. */
export function IncidentsTable({
  items,
  sortedByPriority,
  onSortByPriority,
}: {
  items: Incident[];
  sortedByPriority: boolean;
  onSortByPriority: () => void;
}) {
  const now = useNow();
  const navigate = useNavigate();
  return (
    <Table.ScrollContainer minWidth={960}>
      <Table highlightOnHover stickyHeader aria-label="Incidents" verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={130}>Key</Table.Th>
            <Table.Th w={84} aria-sort={sortedByPriority ? 'ascending' : 'none'}>
              <UnstyledButton onClick={onSortByPriority} fz="sm" fw={700} style={{ whiteSpace: 'nowrap' }}>
                Priority {sortedByPriority ? '↑' : '↕'}
              </UnstyledButton>
            </Table.Th>
            <Table.Th>Title</Table.Th>
            <Table.Th w={180}>Constituency</Table.Th>
            <Table.Th w={100}>Phase</Table.Th>
            <Table.Th w={110}>TLP</Table.Th>
            <Table.Th w={80}>Severity</Table.Th>
            <Table.Th w={150}>Classification</Table.Th>
            <Table.Th w={96} aria-sort={sortedByPriority ? 'none' : 'descending'}>
              Updated
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((i) => (
            <Table.Tr
              key={i.key}
              style={{ cursor: 'pointer' }}
              onClick={(e) => {
                if (!(e.target instanceof Element && e.target.closest('a')))
                  void navigate(`/incidents/${i.key}`);
              }}
            >
              <Table.Td>
                <Anchor
                  component={Link}
                  to={`/incidents/${i.key}`}
                  ff="monospace"
                  size="sm"
                  style={{ whiteSpace: 'nowrap' }}
                >
                  {i.key}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <PriorityBadge priority={i.priority} />
              </Table.Td>
              <Table.Td>
                <Text size="sm" lineClamp={1} title={i.title}>
                  {i.title}
                </Text>
              </Table.Td>
              <Table.Td>
                {i.constituency ? (
                  <Group gap={4} wrap="nowrap">
                    <Text size="sm" lineClamp={1}>
                      {i.constituency.name}
                    </Text>
                    <CriticalityBadge criticality={i.constituency.criticality} />
                  </Group>
                ) : (
                  <Text size="sm" c="dimmed">
                    –
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{phaseLabel[i.phase]}</Table.Td>
              <Table.Td>
                <TlpBadge tlp={i.tlp} />
              </Table.Td>
              <Table.Td>
                <SeverityBadge severity={i.severity} />
              </Table.Td>
              <Table.Td>
                <Text size="sm" lineClamp={1} title={i.classification?.typeId}>
                  {i.classification?.typeLabel ?? '–'}
                </Text>
              </Table.Td>
              <Table.Td>
                <RelativeTime iso={i.updatedAt} now={now} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
