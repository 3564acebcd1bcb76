import { Anchor, Badge, Card, Group, Spoiler, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { Communication } from '#contracts/communications.ts';
import { api } from '../../lib/api-client.ts';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { LocalTime } from '../../ui/local-time.tsx';
import { LockIcon } from './lock-icon.tsx';

const statusColor: Record<Communication['status'], string> = {
  received: 'blue',
  queued: 'yellow',
  sent: 'green',
  failed: 'red',
};

/** Messages in and out, oldest first: replies that threaded here by key or Message-ID, and what we sent. */
export function CommunicationThread({ queryKey, path }: { queryKey: readonly unknown[]; path: string }) {
  const thread = useQuery({
    queryKey,
    queryFn: () => api<{ items: Communication[] }>('GET', path),
  });
  const items = thread.data?.items ?? [];
  return (
    <Stack gap="sm" aria-label="Communications">
      <ErrorAlert error={thread.error} title="Could not load the communications" />
      {thread.isSuccess && items.length === 0 && (
        <EmptyState title="No messages yet">
          Replies carrying the incident key in the subject, or answering one of our messages, appear here.
        </EmptyState>
      )}
      {items.map((c) => (
        <Message key={c.id} message={c} />
      ))}
    </Stack>
  );
}

function Message({ message: c }: { message: Communication }) {
  const inbound = c.direction === 'inbound';
  return (
    <Card
      withBorder
      padding="sm"
      ml={inbound ? 0 : 'xl'}
      mr={inbound ? 'xl' : 0}
      data-direction={c.direction}
    >
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Text fw={600} size="sm" style={{ wordBreak: 'break-word' }}>
            {c.subject}
          </Text>
          <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
            {inbound ? 'From' : 'To'} {inbound ? c.from.name || c.from.address : c.to.join(', ')}
            {inbound && c.from.name && ` <${c.from.address}>`}
          </Text>
        </Stack>
        <Group gap={4} wrap="nowrap">
          {c.encrypted && (
            <Badge size="xs" variant="light" color="green" leftSection={<LockIcon size={10} label="" />}>
              encrypted
            </Badge>
          )}
          {c.automated && (
            <Badge size="xs" variant="light" color="gray">
              automatic
            </Badge>
          )}
          <Badge size="xs" variant="light" color={statusColor[c.status]}>
            {inbound ? 'in' : c.status}
          </Badge>
          <LocalTime iso={c.at} size="xs" />
        </Group>
      </Group>
      <Spoiler maxHeight={120} showLabel="Show all" hideLabel="Show less" mt={6}>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
          {c.body}
        </Text>
      </Spoiler>
      {c.rawSha256 && (
        <Anchor href={`/api/v1/communications/${c.id}/raw`} size="xs" download>
          {inbound ? 'Raw message' : 'Message as composed'} (SHA-256 {c.rawSha256.slice(0, 12)}…)
        </Anchor>
      )}
    </Card>
  );
}
