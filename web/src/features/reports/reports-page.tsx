import {
  Badge,
  Button,
  Grid,
  Group,
  ScrollArea,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { ReportSummary } from '#contracts/reports.ts';
import { api, withQuery } from '../../lib/api-client.ts';
import { useLiveEvent } from '../../lib/live-events.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { TlpBadge } from '../../ui/tlp-badge.tsx';
import { RegisterReportModal } from './register-report-modal.tsx';
import { ReportPreview } from './report-preview.tsx';

/** The reports inbox: list and preview side by side; status, search and selection live in the URL. */
export function ReportsPage() {
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? 'new';
  const q = params.get('q') ?? '';
  const selected = params.get('id');
  const [registering, setRegistering] = useState(false);
  const client = useQueryClient();
  const reports = useQuery({
    queryKey: ['reports', status, q],
    queryFn: () =>
      api<{ items: ReportSummary[] }>(
        'GET',
        withQuery('/api/v1/reports', { status: status === 'all' ? undefined : status, q }),
      ),
  });
  useLiveEvent('report.changed', () => void client.invalidateQueries({ queryKey: ['reports'] }));
  const setParam = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: key !== 'id' });
  };

  return (
    <Stack h="calc(100vh - 90px)">
      <Group justify="space-between">
        <Title order={2}>Reports</Title>
        <Button onClick={() => setRegistering(true)}>Register report</Button>
      </Group>
      <Group>
        <SegmentedControl
          value={status}
          onChange={(v) => setParam('status', v)}
          data={[
            { value: 'new', label: 'New' },
            { value: 'linked', label: 'Linked' },
            { value: 'discarded', label: 'Discarded' },
            { value: 'all', label: 'All' },
          ]}
        />
        <TextInput
          aria-label="Search reports"
          placeholder="Search title, reporter, text"
          defaultValue={q}
          onChange={(e) => setParam('q', e.currentTarget.value)}
          w={320}
        />
      </Group>
      <ErrorAlert error={reports.error} />
      <Grid style={{ flex: 1, minHeight: 0 }}>
        <Grid.Col span={{ base: 12, md: 5 }} h="100%">
          <ScrollArea h="100%" type="auto">
            {reports.data?.items.length === 0 && (
              <EmptyState title="Inbox empty">
                {status === 'new'
                  ? 'No report waits for triage. Register one received by phone or e-mail with “Register report”.'
                  : 'No report matches.'}
              </EmptyState>
            )}
            <Stack gap={4} role="list" aria-label="Reports">
              {reports.data?.items.map((r) => (
                <UnstyledButton
                  key={r.id}
                  role="listitem"
                  onClick={() => setParam('id', r.id)}
                  p="xs"
                  style={{
                    borderRadius: 4,
                    border: '1px solid var(--mantine-color-default-border)',
                    background: r.id === selected ? 'var(--mantine-color-default-hover)' : undefined,
                  }}
                >
                  <Group justify="space-between" wrap="nowrap" gap="xs">
                    <Text size="sm" fw={500} lineClamp={1}>
                      {r.title}
                    </Text>
                    <TlpBadge tlp={r.tlp} />
                  </Group>
                  <Group gap="xs" mt={2}>
                    <Text size="xs" c="dimmed" title={`${r.receivedAt} UTC`}>
                      {new Date(r.receivedAt).toLocaleString()}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {r.reporter.name} · {r.channel}
                    </Text>
                    {r.constituency ? (
                      <Badge size="xs" variant="light">
                        {r.constituency.name}
                      </Badge>
                    ) : (
                      <Badge size="xs" color="gray" variant="outline">
                        no constituency
                      </Badge>
                    )}
                    <Text size="xs" c="dimmed">
                      {r.observableCount} observables
                    </Text>
                  </Group>
                </UnstyledButton>
              ))}
            </Stack>
          </ScrollArea>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }} h="100%">
          <ScrollArea h="100%" type="auto">
            {selected ? (
              <ReportPreview id={selected} />
            ) : (
              <EmptyState title="Select a report">
                Its text, extracted observables and matched constituency appear here.
              </EmptyState>
            )}
          </ScrollArea>
        </Grid.Col>
      </Grid>
      <RegisterReportModal
        opened={registering}
        onClose={() => setRegistering(false)}
        onRegistered={(id) => setParam('id', id)}
      />
    </Stack>
  );
}
