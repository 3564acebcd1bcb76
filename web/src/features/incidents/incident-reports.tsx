import { Anchor, Badge, Card, Code, Group, Loader, Spoiler, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router-dom';
import type { Report } from '#contracts/reports.ts';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { LocalTime } from '../../ui/local-time.tsx';
import { MarkingBadges } from '../../ui/marking-badges.tsx';
import { ReportObservables } from '../reports/report-observables.tsx';
import { useLinkedReports } from './incident-queries.ts';

// A merged incident may carry hundreds; the inbox lists them all.
const SHOWN = 50;

function LinkedReport({ report: r }: { report: Report }) {
  return (
    <Card withBorder padding="sm" component="article" aria-label={`Report ${r.title}`}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Title order={5} style={{ wordBreak: 'break-word' }}>
            {r.title}
          </Title>
          <MarkingBadges tlp={r.tlp} pap={r.pap} />
        </Group>
        <Group gap="xs">
          <Text size="sm">
            From <b>{r.reporter.name}</b> ({r.reporter.kind}) by {r.channel}
          </Text>
          <Badge size="sm" variant="light" radius="xs" tt="none">
            trust {r.reporter.trust}
          </Badge>
          <LocalTime iso={r.receivedAt} c="dimmed" />
          <Anchor component={Link} to={`/reports?status=all&id=${r.id}`} size="sm">
            Open in inbox
          </Anchor>
        </Group>
        {r.constituency && (
          <Text size="sm">
            Constituency <b>{r.constituency.name}</b> ({r.constituency.criticality}) matched by{' '}
            <Code>{r.matchedBy?.value}</Code>
          </Text>
        )}
        <Text size="sm" fw={500}>
          Observables ({r.observables.length})
        </Text>
        <ReportObservables observables={r.observables} sent={r.sentObservables} />
        <Spoiler maxHeight={72} showLabel="Show the report as received" hideLabel="Hide">
          <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
            {r.body}
          </Code>
        </Spoiler>
      </Stack>
    </Card>
  );
}

/** The reports the incident was opened from or linked to, with their observables defanged. */
export function IncidentReports({ reportIds }: { reportIds: string[] }) {
  const reports = useLinkedReports(reportIds.slice(0, SHOWN));
  if (reportIds.length === 0)
    return (
      <EmptyState title="No linked reports">
        This incident was opened by hand. Reports linked to it later appear here.
      </EmptyState>
    );
  return (
    <Stack gap="sm">
      {reportIds.length > SHOWN && (
        <Text size="sm" c="dimmed">
          The first {SHOWN} of {reportIds.length} reports; the others are in the reports inbox.
        </Text>
      )}
      {reports.map((q, i) =>
        q.data ? (
          <LinkedReport key={q.data.id} report={q.data} />
        ) : q.error ? (
          <ErrorAlert key={reportIds[i]} error={q.error} title="Could not load a linked report" />
        ) : (
          <Loader key={reportIds[i]} size="sm" aria-label="Loading report" />
        ),
      )}
    </Stack>
  );
}
