import {
  Button,
  Grid,
  Group,
  ScrollArea,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { ReportSummary } from '#contracts/reports.ts';
import { api, withQuery } from '../../lib/api-client.ts';
import { useLiveEvent } from '../../lib/live-events.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { OpenIncidentModal } from '../incidents/open-incident-modal.tsx';
import { RegisterReportModal } from './register-report-modal.tsx';
import { ReportListItem } from './report-list-item.tsx';
import { ReportPreview } from './report-preview.tsx';

/** The reports inbox: list and preview side by side; status, search and selection live in the URL. */
export function ReportsPage() {
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? 'new';
  const q = params.get('q') ?? '';
  const selected = params.get('id');
  const [registering, setRegistering] = useState(false);
  const [checked, setChecked] = useState<Set<string>>(new Set());
  // The reports picked when the dialog opened: a live refresh of the list must not change them under it.
  const [opening, setOpening] = useState<ReportSummary[] | null>(null);
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

  const items = reports.data?.items ?? [];
  // Only new reports of the current list can be linked; a filter change leaves the rest behind.
  const chosen = items.filter((r) => checked.has(r.id) && r.status === 'new');

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
          <Group gap="xs" h={30} mb={4} wrap="nowrap">
            {chosen.length > 0 ? (
              <>
                <Button size="compact-sm" onClick={() => setOpening(chosen)}>
                  Open incident from {chosen.length} selected
                </Button>
                <Button size="compact-sm" variant="subtle" onClick={() => setChecked(new Set())}>
                  Clear
                </Button>
              </>
            ) : (
              <Text size="xs" c="dimmed">
                Tick new reports to open one incident from them.
              </Text>
            )}
          </Group>
          <ScrollArea h="calc(100% - 34px)" type="auto">
            {items.length === 0 && reports.isSuccess && (
              <EmptyState title="Inbox empty">
                {status === 'new'
                  ? 'No report waits for triage. Register one received by phone or e-mail with “Register report”.'
                  : 'No report matches.'}
              </EmptyState>
            )}
            <Stack gap={4} role="list" aria-label="Reports">
              {items.map((r) => (
                <ReportListItem
                  key={r.id}
                  report={r}
                  active={r.id === selected}
                  checked={checked.has(r.id)}
                  onOpen={() => setParam('id', r.id)}
                  onCheck={(on) =>
                    setChecked((c) => {
                      const next = new Set(c);
                      if (on) next.add(r.id);
                      else next.delete(r.id);
                      return next;
                    })
                  }
                />
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
      <OpenIncidentModal reports={opening ?? []} opened={opening !== null} onClose={() => setOpening(null)} />
      <RegisterReportModal
        opened={registering}
        onClose={() => setRegistering(false)}
        onRegistered={(id) => setParam('id', id)}
      />
    </Stack>
  );
}
