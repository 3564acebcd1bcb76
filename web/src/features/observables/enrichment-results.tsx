import { Badge, Group, Stack, Text } from '@mantine/core';
import type { Enrichment, Verdict } from '#contracts/observables.ts';
import { LocalTime } from '../../ui/local-time.tsx';

const verdictColor: Record<Verdict, string> = {
  malicious: 'red',
  suspicious: 'orange',
  benign: 'green',
  unknown: 'gray',
  info: 'blue',
};

/** Each analyzer's verdict and line, with when it was made: a cached answer says how old it is. */
export function EnrichmentResults({ enrichments }: { enrichments: Enrichment[] }) {
  if (!enrichments.length)
    return (
      <Text size="xs" c="dimmed">
        Not enriched yet
      </Text>
    );
  return (
    <Stack gap={2} aria-label="Enrichment">
      {enrichments.map((e) => (
        <Group key={e.analyzer} gap={6} wrap="nowrap" align="baseline" data-analyzer={e.analyzer}>
          <Badge size="xs" variant="light" color={verdictColor[e.verdict]} style={{ flexShrink: 0 }}>
            {e.analyzer}: {e.verdict}
          </Badge>
          <Text size="xs" style={{ wordBreak: 'break-word' }}>
            {e.summary}
          </Text>
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            · <LocalTime iso={e.analyzedAt} size="xs" c="dimmed" />
          </Text>
        </Group>
      ))}
    </Stack>
  );
}
