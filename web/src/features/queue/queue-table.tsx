import { Table } from '@mantine/core';
import { useEffect, useRef } from 'react';
import type { Incident } from '#contracts/incidents.ts';
import * as Cell from '../incidents/incident-cells.tsx';
import { SlaCountdown } from '../incidents/sla-countdown.tsx';

/** The queue rows; the selected one is highlighted, kept in view, and what the keys act on. */
export function QueueTable({
  items,
  selectedKey,
  now,
  onSelect,
}: {
  items: Incident[];
  selectedKey: string | null;
  now: Date;
  onSelect: (key: string) => void;
}) {
  const body = useRef<HTMLTableSectionElement>(null);
  useEffect(() => {
    if (!selectedKey) return;
    body.current?.querySelector(`[data-key="${selectedKey}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [selectedKey]);
  return (
    <Table.ScrollContainer minWidth={1150}>
      <Table stickyHeader aria-label="Triage queue" verticalSpacing={4} highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={64}>Priority</Table.Th>
            <Table.Th w={156}>SLA</Table.Th>
            <Table.Th w={120}>Key</Table.Th>
            <Table.Th miw={180}>Title</Table.Th>
            <Table.Th w={190}>Constituency</Table.Th>
            <Table.Th w={120}>Classification</Table.Th>
            <Table.Th w={84}>Phase</Table.Th>
            <Table.Th w={100}>Lead</Table.Th>
            <Table.Th w={100}>TLP</Table.Th>
            <Table.Th w={80}>Changed</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody ref={body}>
          {items.map((i) => {
            const selected = i.key === selectedKey;
            return (
              <Table.Tr
                key={i.key}
                data-key={i.key}
                aria-current={selected || undefined}
                onClick={() => onSelect(i.key)}
                style={{
                  cursor: 'pointer',
                  background: selected ? 'var(--mantine-primary-color-light)' : undefined,
                  boxShadow: selected ? 'inset 3px 0 0 var(--mantine-primary-color-filled)' : undefined,
                }}
              >
                <Cell.Priority priority={i.priority} />
                <Table.Td>
                  <SlaCountdown sla={i.sla ?? null} now={now} />
                </Table.Td>
                <Cell.Key incidentKey={i.key} />
                <Cell.Title title={i.title} strong={selected} />
                <Cell.Constituency constituency={i.constituency} />
                <Cell.Classification classification={i.classification} />
                <Cell.Phase incident={i} />
                <Cell.Lead lead={i.lead} />
                <Cell.Tlp tlp={i.tlp} />
                <Cell.Changed iso={i.updatedAt} now={now} />
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
