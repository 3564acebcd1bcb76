import { Badge, Stack, Table, Text } from '@mantine/core';
import type { TimelineEntry } from '#contracts/incidents.ts';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { LocalTime } from '../../ui/local-time.tsx';
import { useIncidentTimeline } from './incident-queries.ts';
import { TimelineNoteForm } from './timeline-note-form.tsx';
import { formatChangeValue, kindLabel } from './timeline-value.ts';

function Change({ entry }: { entry: TimelineEntry }) {
  if (entry.before === undefined && entry.after === undefined) return null;
  return (
    <Text size="xs" ff="monospace" style={{ wordBreak: 'break-word' }}>
      {entry.before === undefined
        ? formatChangeValue(entry.after)
        : `${formatChangeValue(entry.before)} → ${formatChangeValue(entry.after)}`}
    </Text>
  );
}

function Times({ entry }: { entry: TimelineEntry }) {
  return (
    <Stack gap={0}>
      {entry.eventTime && (
        <Text size="xs">
          happened <LocalTime iso={entry.eventTime} size="xs" />
        </Text>
      )}
      {entry.discoveryTime && (
        <Text size="xs">
          learnt <LocalTime iso={entry.discoveryTime} size="xs" />
        </Text>
      )}
    </Stack>
  );
}

/** Everything that happened to the incident, oldest first: who, what, when, before → after. */
export function IncidentTimeline({ incidentKey }: { incidentKey: string }) {
  const timeline = useIncidentTimeline(incidentKey);
  const items = timeline.data?.items ?? [];
  return (
    <Stack gap="md">
      <TimelineNoteForm incidentKey={incidentKey} />
      <ErrorAlert error={timeline.error} title="Could not load the timeline" />
      {timeline.isSuccess && items.length === 0 ? (
        <EmptyState title="Nothing on the timeline yet">Add what is known with a note above.</EmptyState>
      ) : (
        <Table aria-label="Timeline" verticalSpacing={4} striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={190}>Recorded</Table.Th>
              <Table.Th w={200}>Actor</Table.Th>
              <Table.Th>What</Table.Th>
              <Table.Th w={220}>Event / discovery</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td style={{ whiteSpace: 'nowrap', verticalAlign: 'top' }}>
                  <LocalTime iso={e.at} size="xs" />
                </Table.Td>
                <Table.Td ff="monospace" fz="xs" style={{ verticalAlign: 'top', wordBreak: 'break-all' }}>
                  {e.actor}
                </Table.Td>
                <Table.Td style={{ verticalAlign: 'top' }}>
                  <Badge
                    size="xs"
                    variant={e.kind === 'note' ? 'filled' : 'light'}
                    radius="xs"
                    tt="none"
                    mr={6}
                  >
                    {kindLabel(e.kind)}
                  </Badge>
                  <Text span size="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                    {e.text}
                  </Text>
                  <Change entry={e} />
                </Table.Td>
                <Table.Td style={{ verticalAlign: 'top' }}>
                  <Times entry={e} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
