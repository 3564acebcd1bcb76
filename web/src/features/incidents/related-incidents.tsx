import { Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import type { Incident } from '#contracts/incidents.ts';
import { IncidentChangeFeedback } from './incident-conflict-notice.tsx';
import { phaseLabel } from './incident-labels.ts';
import { useIncidentChange } from './use-incident-change.ts';

/** Incidents a handler related to this one, each a link with its phase and the note given. */
export function RelatedIncidents({ incident }: { incident: Incident }) {
  const change = useIncidentChange();
  const items = incident.related;
  if (items.length === 0 && !change.error && !change.conflict) return null;
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
          <Button
            size="compact-xs"
            variant="subtle"
            color="gray"
            aria-label={`Remove the relation to ${r.key}`}
            loading={change.pending && change.sent?.action === 'unrelate' && change.sent.relatedKey === r.key}
            onClick={() => change.submit({ action: 'unrelate', relatedKey: r.key }, incident)}
          >
            Remove
          </Button>
        </Group>
      ))}
      <IncidentChangeFeedback change={change} />
    </Stack>
  );
}
