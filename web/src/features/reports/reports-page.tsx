import {
  Button,
  Grid,
  Group,
  Kbd,
  ScrollArea,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { SuggestionCounts } from '#contracts/correlation.ts';
import type { ReportSummary } from '#contracts/reports.ts';
import { api, withQuery } from '../../lib/api-client.ts';
import { useLiveEvent } from '../../lib/live-events.tsx';
import { useKeyboardShortcuts } from '../../lib/use-keyboard-shortcuts.ts';
import { useNow } from '../../lib/use-now.ts';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { KeyboardHelp } from '../../ui/keyboard-help.tsx';
import { RegisterReportModal } from './register-report-modal.tsx';
import { ReportBulkBar } from './report-bulk-bar.tsx';
import { ReportListItem } from './report-list-item.tsx';
import { ReportPreview } from './report-preview.tsx';
import { inboxShortcuts } from './reports-shortcuts.ts';

/** How many incidents and recent reports the preview of each new report would suggest. */
function useSuggestionCounts(items: ReportSummary[]) {
  const ids = items.filter((r) => r.status === 'new').map((r) => r.id);
  return useQuery({
    queryKey: ['reports', 'suggestion-counts', ids],
    queryFn: () =>
      api<SuggestionCounts>(
        'GET',
        withQuery('/api/v1/reports/suggestion-counts', { ids: ids.slice(0, 200).join(',') }),
      ),
    enabled: ids.length > 0,
    placeholderData: keepPreviousData,
    select: (data) => new Map(data.items.map((c) => [c.id, c])),
  });
}

/** The reports inbox: list and preview side by side; status, search and selection live in the URL. */
export function ReportsPage() {
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? 'new';
  const q = params.get('q') ?? '';
  const selected = params.get('id');
  const [registering, setRegistering] = useState(false);
  const [help, setHelp] = useState(false);
  const [checked, setChecked] = useState<Set<string>>(new Set());
  const client = useQueryClient();
  const now = useNow();
  const reports = useQuery({
    queryKey: ['reports', status, q],
    queryFn: () =>
      api<{ items: ReportSummary[] }>(
        'GET',
        withQuery('/api/v1/reports', { status: status === 'all' ? undefined : status, q }),
      ),
  });
  const refresh = () => void client.invalidateQueries({ queryKey: ['reports'] });
  useLiveEvent('report.changed', refresh);
  // A report linked to an incident (by a colleague or a correlation rule) leaves the inbox.
  useLiveEvent('incident.changed', refresh);
  // `flushSync` for keys: the router defers URL updates as a transition, and the next key (x after j)
  // must act on the report just moved to, not on the one before.
  const setParam = (key: string, value: string | null, flushSync = false) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: key !== 'id', flushSync });
  };

  const items = reports.data?.items ?? [];
  const counts = useSuggestionCounts(items);
  const index = items.findIndex((r) => r.id === selected);
  const toggle = (id: string, on: boolean) =>
    setChecked((c) => {
      const next = new Set(c);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const shortcuts = inboxShortcuts({
    move: (by) => {
      const to = items[index < 0 ? 0 : Math.min(Math.max(index + by, 0), items.length - 1)];
      if (to) setParam('id', to.id, true);
    },
    toggle: () => {
      const r = items[index];
      if (r?.status === 'new') toggle(r.id, !checked.has(r.id));
    },
    selectAll: () => setChecked(new Set(items.filter((r) => r.status === 'new').map((r) => r.id))),
    clear: () => setChecked(new Set()),
    help: () => setHelp(true),
  });
  useKeyboardShortcuts(shortcuts, !registering && !help);

  return (
    <Stack h="calc(100vh - 90px)">
      <Group justify="space-between">
        <Title order={2}>Reports</Title>
        <Group gap="md">
          <Text size="xs" c="dimmed">
            <Kbd size="xs">j</Kbd> <Kbd size="xs">k</Kbd> move · <Kbd size="xs">x</Kbd> select ·{' '}
            <Kbd size="xs">?</Kbd> all shortcuts
          </Text>
          <Button onClick={() => setRegistering(true)}>Register report</Button>
        </Group>
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
      <Grid style={{ flex: 1, minHeight: 0 }} styles={{ inner: { height: '100%' } }}>
        <Grid.Col
          span={{ base: 12, md: 5 }}
          h="100%"
          style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
        >
          <ReportBulkBar items={items} checked={checked} onChecked={setChecked} />
          <ScrollArea style={{ flex: 1, minHeight: 0 }} type="auto">
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
                  suggestions={counts.data?.get(r.id)}
                  now={now}
                  onOpen={() => setParam('id', r.id, true)}
                  onCheck={(on) => toggle(r.id, on)}
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
      <RegisterReportModal
        opened={registering}
        onClose={() => setRegistering(false)}
        onRegistered={(id) => setParam('id', id)}
      />
      <KeyboardHelp opened={help} onClose={() => setHelp(false)} shortcuts={shortcuts} />
    </Stack>
  );
}
