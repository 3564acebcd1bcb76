import { Table, UnstyledButton } from '@mantine/core';
import { useNavigate } from 'react-router-dom';
import type { Incident } from '#contracts/incidents.ts';
import { useNow } from '../../lib/use-now.ts';
import { SeverityBadge } from '../../ui/severity-badge.tsx';
import * as Cell from './incident-cells.tsx';

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
    <Table.ScrollContainer minWidth={1080}>
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
            <Table.Th w={120}>Lead</Table.Th>
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
              <Cell.Key incidentKey={i.key} />
              <Cell.Priority priority={i.priority} />
              <Cell.Title title={i.title} />
              <Cell.Constituency constituency={i.constituency} />
              <Cell.Phase incident={i} />
              <Cell.Lead lead={i.lead} />
              <Cell.Tlp tlp={i.tlp} />
              <Table.Td>
                <SeverityBadge severity={i.severity} />
              </Table.Td>
              <Cell.Classification classification={i.classification} />
              <Cell.Changed iso={i.updatedAt} now={now} />
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
