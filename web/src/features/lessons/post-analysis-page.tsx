import { Anchor, Badge, Checkbox, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ImprovementStatus } from '#contracts/lessons.ts';
import { useSignedInUser } from '../../app/session.tsx';
import { useLiveEvent } from '../../lib/live-events.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { LocalTime } from '../../ui/local-time.tsx';
import { FollowUpTable } from './follow-up-table.tsx';
import {
  lessonKeys,
  statusLabel,
  useImprovementBoard,
  useOpenRemediations,
  usePendingReviews,
} from './lesson-queries.ts';

const DAY_MS = 86_400_000;
const day = (d: Date) => d.toISOString().slice(0, 10);

/** A day in the user's calendar as the instant it starts (`to` is exclusive, so the day after). */
const startOf = (value: string, plusDays = 0) =>
  value ? new Date(new Date(`${value}T00:00:00`).getTime() + plusDays * DAY_MS).toISOString() : undefined;

/**
 * For the team's periodic post-analysis session: the incidents closed in a period that still lack their
 * review, the board of improvement proposals across incidents, and the remediation still open.
 */
export function PostAnalysisPage() {
  const [from, setFrom] = useState(() => day(new Date(Date.now() - 90 * DAY_MS)));
  const [to, setTo] = useState(() => day(new Date()));
  const [status, setStatus] = useState<string | null>(null);
  const period = { ...(from ? { from: startOf(from)! } : {}), ...(to ? { to: startOf(to, 1)! } : {}) };
  const pending = usePendingReviews(period);
  const [mine, setMine] = useState(false);
  const me = useSignedInUser();
  const board = useImprovementBoard(status, mine ? me.id : null);
  const remediations = useOpenRemediations();
  const client = useQueryClient();
  // Any incident's change may close one, review one or move a proposal: refetch the boards.
  useLiveEvent('incident.changed', () => void client.invalidateQueries({ queryKey: lessonKeys.boards }));

  return (
    <Stack gap="lg">
      <Title order={2}>Post-analysis</Title>
      <Stack gap="sm" component="section" aria-label="Awaiting review">
        <Group justify="space-between" align="flex-end">
          <Title order={4}>Closed incidents awaiting their review</Title>
          <Group gap="sm">
            <TextInput
              type="date"
              label="Closed from"
              value={from}
              onChange={(e) => setFrom(e.currentTarget.value)}
            />
            <TextInput type="date" label="to" value={to} onChange={(e) => setTo(e.currentTarget.value)} />
          </Group>
        </Group>
        <ErrorAlert error={pending.error} />
        {pending.data && pending.data.items.length === 0 ? (
          <Text size="sm" c="dimmed">
            Every incident closed in this period has had its review.
          </Text>
        ) : (
          <Table striped aria-label="Awaiting review">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Incident</Table.Th>
                <Table.Th>Closed</Table.Th>
                <Table.Th>Outcome</Table.Th>
                <Table.Th>Lead</Table.Th>
                <Table.Th>Lessons</Table.Th>
                <Table.Th>Proposals</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(pending.data?.items ?? []).map((i) => (
                <Table.Tr key={i.key}>
                  <Table.Td>
                    <Anchor component={Link} to={`/incidents/${i.key}?tab=lessons`} size="sm">
                      {i.key}
                    </Anchor>{' '}
                    <Text span size="sm">
                      {i.title}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <LocalTime iso={i.closedAt} size="sm" />
                  </Table.Td>
                  <Table.Td>{i.outcome ? statusLabel(i.outcome) : '–'}</Table.Td>
                  <Table.Td>{i.lead ?? '–'}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={i.hasLessons ? 'blue' : 'gray'}>
                      {i.hasLessons ? 'draft' : 'none'}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{i.improvements}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>

      <Stack gap="sm" component="section" aria-label="Improvement board">
        <Group justify="space-between" align="flex-end">
          <Title order={4}>Improvement proposals</Title>
          <Group gap="sm" align="flex-end">
            <Checkbox
              label="Only mine"
              checked={mine}
              onChange={(e) => setMine(e.currentTarget.checked)}
              mb={8}
            />
            <Select
              label="Status"
              placeholder="Any"
              clearable
              w={180}
              data={ImprovementStatus.options.map((s) => ({ value: s, label: statusLabel(s) }))}
              value={status}
              onChange={setStatus}
            />
          </Group>
        </Group>
        <ErrorAlert error={board.error} />
        {board.data && board.data.items.length === 0 ? (
          <Text size="sm" c="dimmed">
            No proposals.
          </Text>
        ) : (
          <FollowUpTable label="Improvement board" items={board.data?.items ?? []} showIncident />
        )}
      </Stack>

      <Stack gap="sm" component="section" aria-label="Open remediation">
        <Title order={4}>Open remediation</Title>
        <ErrorAlert error={remediations.error} />
        {remediations.data && remediations.data.items.length === 0 ? (
          <Text size="sm" c="dimmed">
            Nothing open.
          </Text>
        ) : (
          <FollowUpTable label="Open remediation" items={remediations.data?.items ?? []} showIncident />
        )}
      </Stack>
    </Stack>
  );
}
