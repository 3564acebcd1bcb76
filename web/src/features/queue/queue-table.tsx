import { Anchor, Group, Table, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router-dom';
import type { Incident } from '#contracts/incidents.ts';
import { PriorityBadge } from '../../ui/priority-badge.tsx';
import { RelativeTime } from '../../ui/relative-time.tsx';
import { CriticalityBadge } from '../../ui/severity-badge.tsx';
import { TlpBadge } from '../../ui/tlp-badge.tsx';
import { phaseLabel } from '../incidents/incident-labels.ts';
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
                <Table.Td>
                  <PriorityBadge priority={i.priority} />
                </Table.Td>
                <Table.Td>
                  <SlaCountdown sla={i.sla ?? null} now={now} />
                </Table.Td>
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
                  <Text size="sm" lineClamp={1} title={i.title} fw={selected ? 600 : undefined}>
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
                <Table.Td>
                  <Text size="sm" lineClamp={1} c={i.classification ? undefined : 'dimmed'}>
                    {i.classification?.typeLabel ?? 'unclassified'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {phaseLabel[i.phase]}
                    {i.phase === 'triage' && i.verified && (
                      <span title={`Verified by ${i.verified.by}`} aria-label="verified">
                        {' '}
                        ✓
                      </span>
                    )}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" lineClamp={1} c={i.lead ? undefined : 'dimmed'}>
                    {i.lead?.name ?? 'unassigned'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <TlpBadge tlp={i.tlp} />
                </Table.Td>
                <Table.Td>
                  <RelativeTime iso={i.updatedAt} now={now} />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
