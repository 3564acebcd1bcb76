import {
  Anchor,
  Badge,
  Button,
  Card,
  Code,
  Group,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { Link } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { DiscardReason, type Report } from '#contracts/reports.ts';
import { api } from '../../lib/api-client.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { MarkingBadges } from '../../ui/marking-badges.tsx';
import { SeverityBadge } from '../../ui/severity-badge.tsx';
import { OpenIncidentModal } from '../incidents/open-incident-modal.tsx';
import { LinkReportModal } from './link-report-modal.tsx';
import { CommunicationThread } from '../communications/communication-thread.tsx';
import { ReportFiles } from './report-files.tsx';
import { ReportObservables } from './report-observables.tsx';
import { ReportParseWarnings } from './report-parse-warnings.tsx';
import { ReportSuggestions } from './report-suggestions.tsx';
import { formatLocal, formatUtc } from '../../lib/time.ts';

const reasons: Record<DiscardReason, string> = {
  not_an_incident: 'Not an incident',
  duplicate: 'Duplicate',
  false_positive: 'False positive',
  out_of_constituency: 'Out of constituency',
};

/** A report as received: text only (never rendered HTML), observables defanged, matched constituency. */
export function ReportPreview({ id }: { id: string }) {
  const report = useQuery({
    queryKey: ['report', id],
    queryFn: () => api<Report>('GET', `/api/v1/reports/${id}`),
  });
  if (report.error) return <ErrorAlert error={report.error} />;
  if (!report.data) return null;
  const r = report.data;
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Title order={3}>{r.title}</Title>
        <MarkingBadges tlp={r.tlp} pap={r.pap} />
      </Group>
      <Group gap="xs">
        <Badge variant="light">{r.status}</Badge>
        {r.incidentKey && (
          <Anchor component={Link} to={`/incidents/${r.incidentKey}`} size="sm" ff="monospace">
            {r.incidentKey}
          </Anchor>
        )}
        {r.severity && <SeverityBadge severity={r.severity} />}
        {r.seenCount > 1 && (
          <Badge variant="outline" color="gray" title={`last seen ${formatLocal(r.lastSeenAt)}`}>
            seen {r.seenCount}×
          </Badge>
        )}
        <Text size="sm">
          From <b>{r.reporter.name}</b> ({r.reporter.kind}, trust {r.reporter.trust}) by {r.channel}
          {r.reporter.contact ? ` · ${r.reporter.contact}` : ''}
        </Text>
      </Group>
      <Text size="sm" c="dimmed" title={formatUtc(r.receivedAt)}>
        Received {formatLocal(r.receivedAt)} · registered by {r.createdBy}
        {r.publicRef && (
          <>
            {' · reference '}
            <span style={{ whiteSpace: 'nowrap' }}>{r.publicRef}</span>
          </>
        )}
      </Text>
      <ReportParseWarnings warnings={r.parseWarnings} />
      <Card withBorder padding="xs">
        <Text size="sm">
          Constituency:{' '}
          {r.constituency ? (
            <>
              <b>{r.constituency.name}</b> ({r.constituency.criticality}) matched by{' '}
              <Code>{r.matchedBy?.value}</Code>
            </>
          ) : (
            'none matched'
          )}
        </Text>
      </Card>
      {r.discard && (
        <Text size="sm">
          Discarded as <b>{reasons[r.discard.reason]}</b>
          {r.discard.note ? `: ${r.discard.note}` : ''}
        </Text>
      )}
      {r.status === 'new' && <ReportSuggestions report={r} />}
      {r.status === 'new' && <IncidentActions report={r} />}
      {r.status === 'new' && <DiscardForm report={r} />}
      <Title order={5}>Observables ({r.observables.length})</Title>
      <ReportObservables observables={r.observables} sent={r.sentObservables} />
      {r.files.length > 0 && <Title order={5}>Files ({r.files.length})</Title>}
      <ReportFiles report={r} />
      {r.channel === 'email' && (
        <>
          <Title order={5}>Messages</Title>
          <CommunicationThread
            queryKey={['report', r.id, 'communications']}
            path={`/api/v1/reports/${r.id}/communications`}
          />
        </>
      )}
      <Title order={5}>As received</Title>
      <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
        {r.body}
      </Code>
      <Text size="xs" c="dimmed" ff="monospace">
        Raw submission: {r.rawSize.toLocaleString()} bytes, SHA-256 {r.rawSha256}
      </Text>
    </Stack>
  );
}

function IncidentActions({ report }: { report: Report }) {
  const [dialog, setDialog] = useState<'open' | 'link' | null>(null);
  return (
    <Group gap="xs">
      <Button onClick={() => setDialog('open')}>Open incident</Button>
      <Button variant="default" onClick={() => setDialog('link')}>
        Link to incident…
      </Button>
      <OpenIncidentModal reports={[report]} opened={dialog === 'open'} onClose={() => setDialog(null)} />
      <LinkReportModal report={report} opened={dialog === 'link'} onClose={() => setDialog(null)} />
    </Group>
  );
}

function DiscardForm({ report }: { report: Report }) {
  const [reason, setReason] = useState<DiscardReason | null>(null);
  const [note, setNote] = useState('');
  const client = useQueryClient();
  const discard = useMutation({
    mutationFn: () =>
      api<Report>('POST', `/api/v1/reports/${report.id}/discard`, { reason, note, version: report.version }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['report', report.id] });
      await client.invalidateQueries({ queryKey: ['reports'] });
    },
  });
  return (
    <Stack gap="xs">
      <Group align="flex-end">
        <Select
          label="Discard as"
          placeholder="Reason"
          data={Object.entries(reasons).map(([value, label]) => ({ value, label }))}
          value={reason}
          onChange={(v) => setReason(v as DiscardReason | null)}
          w={220}
        />
        <TextInput
          label="Note"
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          style={{ flex: 1 }}
        />
        <Button
          color="red"
          variant="light"
          disabled={!reason}
          loading={discard.isPending}
          onClick={() => discard.mutate()}
        >
          Discard
        </Button>
      </Group>
      <ErrorAlert error={discard.error} />
    </Stack>
  );
}
