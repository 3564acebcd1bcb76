import { Badge, Group, Skeleton, Switch, Text } from '@mantine/core';
import { Priority } from '#contracts/incidents.ts';
import { PriorityBadge } from '../../ui/priority-badge.tsx';
import { useIncidentCounts } from '../incidents/incident-queries.ts';

/** How much is open and how much breached, per priority; the switch narrows the queue to breaches. */
export function QueueCounts({
  breachedOnly,
  onBreachedOnly,
}: {
  breachedOnly: boolean;
  onBreachedOnly: (on: boolean) => void;
}) {
  const counts = useIncidentCounts();
  const c = counts.data;
  return (
    <Group gap="md" wrap="wrap">
      {c ? (
        <Group gap="sm" role="group" aria-label="Open incidents">
          <Text size="sm">
            <b>{c.open}</b> open
          </Text>
          <Badge
            color="red"
            variant={c.breached ? 'filled' : 'outline'}
            radius="xs"
            tt="none"
            aria-label={`${c.breached} breached`}
          >
            {c.breached} breached
          </Badge>
          {Priority.options.map((p) => (
            <Group key={p} gap={4} wrap="nowrap" aria-label={`${c.openByPriority[p] ?? 0} open ${p}`}>
              <PriorityBadge priority={p} size="sm" />
              <Text size="sm" ff="monospace">
                {c.openByPriority[p] ?? 0}
              </Text>
            </Group>
          ))}
          <Text size="xs" c="dimmed">
            {c.openByPriority.none ?? 0} without priority
          </Text>
        </Group>
      ) : (
        <Skeleton h={22} w={360} aria-label="Loading counts" />
      )}
      <Switch
        label="Breached only"
        checked={breachedOnly}
        onChange={(e) => onBreachedOnly(e.currentTarget.checked)}
        color="red"
        size="sm"
      />
    </Group>
  );
}
