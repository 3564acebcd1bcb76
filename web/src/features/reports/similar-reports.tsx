import { Anchor, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { Link, useSearchParams } from 'react-router-dom';
import type { SimilarReport } from '#contracts/correlation.ts';
import { useNow } from '../../lib/use-now.ts';
import { RelativeTime } from '../../ui/relative-time.tsx';
import { TlpBadge } from '../../ui/tlp-badge.tsx';
import { channelLabel } from './report-labels.ts';
import { ReportObservables } from './report-observables.tsx';

// A few shared observables say enough to judge; the preview of that report has them all.
const SHARED_SHOWN = 4;

/** New or linked reports of the last days sharing observables with this one, most overlap first. */
export function SimilarReports({ reports }: { reports: SimilarReport[] }) {
  const [params] = useSearchParams();
  const now = useNow();
  if (reports.length === 0) return null;
  // Opening one keeps the inbox's filters, as picking it in the list would.
  const at = (id: string) => {
    const next = new URLSearchParams(params);
    next.set('id', id);
    return { search: `?${next.toString()}` };
  };
  return (
    <Stack gap="xs" component="section" aria-label="Similar recent reports">
      <Title order={5}>Similar recent reports ({reports.length})</Title>
      {reports.map((r) => (
        <Card key={r.id} withBorder padding="xs" component="article" aria-label={`Similar report ${r.title}`}>
          <Stack gap={4}>
            <Group justify="space-between" wrap="nowrap" gap="xs">
              <Anchor component={Link} to={at(r.id)} size="sm" lineClamp={1} title={r.title}>
                {r.title}
              </Anchor>
              <TlpBadge tlp={r.tlp} />
            </Group>
            <Group gap={6}>
              <RelativeTime iso={r.receivedAt} now={now} size="xs" c="dimmed" />
              <Badge size="xs" variant="default" tt="none">
                {channelLabel[r.channel]}
              </Badge>
              <Text size="xs" ff="monospace" c="dimmed">
                {r.source}
              </Text>
              {r.seenCount > 1 && (
                <Badge size="xs" variant="outline" color="gray" tt="none">
                  seen {r.seenCount}×
                </Badge>
              )}
              {r.constituency && (
                <Badge size="xs" variant="light" tt="none">
                  {r.constituency.name}
                </Badge>
              )}
              {r.incidentKey ? (
                <Anchor component={Link} to={`/incidents/${r.incidentKey}`} size="xs" ff="monospace">
                  {r.incidentKey}
                </Anchor>
              ) : (
                <Badge size="xs" variant="light" color="gray">
                  {r.status}
                </Badge>
              )}
            </Group>
            <Text size="xs" c="dimmed">
              Shares {r.shared.length} observable{r.shared.length === 1 ? '' : 's'}
              {r.shared.length > SHARED_SHOWN ? `; the first ${SHARED_SHOWN}` : ''}:
            </Text>
            <ReportObservables observables={r.shared.slice(0, SHARED_SHOWN)} />
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}
