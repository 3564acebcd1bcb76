import { Anchor, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import type { ReportSuggestions as Suggestions } from '#contracts/correlation.ts';
import type { Report } from '#contracts/reports.ts';
import { api } from '../../lib/api-client.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { PriorityBadge } from '../../ui/priority-badge.tsx';
import { IncidentChangeFeedback } from '../incidents/incident-conflict-notice.tsx';
import { phaseLabel } from '../incidents/incident-labels.ts';
import { ReportObservables } from './report-observables.tsx';
import { SimilarReports } from './similar-reports.tsx';
import { useLinkReport } from './use-link-report.ts';

// A mass mailing shares hundreds; a few say enough to judge.
const SHARED_SHOWN = 6;

/**
 * Open incidents whose reports share observables with this one (probably the same case), and
 * recent reports that do.
 */
export function ReportSuggestions({ report }: { report: Report }) {
  const suggestions = useQuery({
    queryKey: ['report', report.id, 'suggestions'],
    queryFn: () => api<Suggestions>('GET', `/api/v1/reports/${report.id}/suggestions`),
  });
  if (suggestions.error) return <ErrorAlert error={suggestions.error} title="Could not load suggestions" />;
  return (
    <>
      <IncidentSuggestions report={report} items={suggestions.data?.items ?? []} />
      <SimilarReports reports={suggestions.data?.reports ?? []} />
    </>
  );
}

function IncidentSuggestions({ report, items }: { report: Report; items: Suggestions['items'] }) {
  const linker = useLinkReport(report);
  if (items.length === 0) return null;
  return (
    <Stack gap="xs" component="section" aria-label="Possibly the same incident">
      <Title order={5}>Possibly the same incident ({items.length})</Title>
      {items.map((s) => (
        <Card key={s.key} withBorder padding="xs" component="article" aria-label={`${s.key} ${s.title}`}>
          <Stack gap={6}>
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
                <PriorityBadge priority={s.priority} size="sm" />
                <Anchor component={Link} to={`/incidents/${s.key}`} ff="monospace" size="sm">
                  {s.key}
                </Anchor>
                <Text size="sm" lineClamp={1} title={s.title}>
                  {s.title}
                </Text>
                <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                  {phaseLabel[s.phase]}
                </Text>
              </Group>
              <Button
                size="compact-sm"
                variant="light"
                loading={linker.linking === s.key}
                disabled={linker.linking !== null}
                onClick={() => linker.link(s.key)}
              >
                Link to this incident
              </Button>
            </Group>
            <Text size="xs" c="dimmed">
              Shares {s.shared.length} observable{s.shared.length === 1 ? '' : 's'}
              {s.shared.length > SHARED_SHOWN ? `; the first ${SHARED_SHOWN}` : ''}:
            </Text>
            <ReportObservables observables={s.shared.slice(0, SHARED_SHOWN)} />
          </Stack>
        </Card>
      ))}
      <ErrorAlert error={linker.error} title="Could not load the incident" />
      <IncidentChangeFeedback change={linker.change} />
    </Stack>
  );
}
