import { Anchor, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import type { RelatedIncident } from '#contracts/incidents.ts';
import { phaseLabel } from './incident-labels.ts';

/** Incidents a handler related to this one, each a link with its phase and the note given. */
export function RelatedIncidents({ items }: { items: RelatedIncident[] }) {
  if (items.length === 0) return null;
  return (
    <Stack gap={4} component="section" aria-label="Related incidents">
      <Text size="sm" fw={600}>
        Related incidents
      </Text>
      {items.map((r) => (
        <Group key={r.key} gap="xs" wrap="nowrap">
          <Anchor component={Link} to={`/incidents/${r.key}`} ff="monospace" size="sm">
            {r.key}
          </Anchor>
          <Text size="sm" lineClamp={1}>
            {r.title}
          </Text>
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            {phaseLabel[r.phase]}
            {r.note ? ` · ${r.note}` : ''}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}
