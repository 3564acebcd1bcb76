import { Card, Group, Stack, Text, Title } from '@mantine/core';
import type { Incident } from '#contracts/incidents.ts';
import { LocalTime } from '../../ui/local-time.tsx';
import { ClassificationHistory } from './classification-history.tsx';
import { IncidentFieldEditor } from './incident-field-editor.tsx';
import { outcomeLabel } from './incident-labels.ts';
import { RelatedIncidents } from './related-incidents.tsx';

export function IncidentOverview({ incident }: { incident: Incident }) {
  return (
    <Stack gap="md">
      {incident.closure && (
        <Card withBorder padding="sm" component="section" aria-label="Closure">
          <Text size="sm">
            Closed as <b>{outcomeLabel[incident.closure.outcome]}</b> on{' '}
            <LocalTime iso={incident.closure.closedAt} />
          </Text>
          <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
            {incident.closure.summary}
          </Text>
        </Card>
      )}
      <Stack gap={4}>
        <Title order={4}>Summary</Title>
        <IncidentFieldEditor incident={incident} field="summary" label="Summary">
          {incident.summary ? (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
              {incident.summary}
            </Text>
          ) : (
            <Text size="sm" c="dimmed">
              No summary yet: what is known, what is affected, what was done.
            </Text>
          )}
        </IncidentFieldEditor>
      </Stack>
      <Stack gap={4}>
        <Title order={4}>Classification history</Title>
        <ClassificationHistory items={incident.classifications} />
      </Stack>
      <RelatedIncidents incident={incident} />
      <Group gap="xl">
        <Text size="xs" c="dimmed">
          Opened by {incident.createdBy} · <LocalTime iso={incident.createdAt} size="xs" />
        </Text>
        <Text size="xs" c="dimmed">
          Last changed <LocalTime iso={incident.updatedAt} size="xs" /> · version {incident.version}
        </Text>
      </Group>
    </Stack>
  );
}
