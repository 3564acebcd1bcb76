import { Button, Group, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ConstituencySummary } from '#contracts/constituencies.ts';
import type { ActivityReport, CountRow } from '#contracts/reporting.ts';
import { api, withQuery } from '../../lib/api-client.ts';
import { useLiveEvent } from '../../lib/live-events.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The previous calendar month, the period a periodic report usually covers. */
function lastMonth(): { from: string; to: string } {
  const now = new Date();
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0));
  return { from: first.toISOString().slice(0, 10), to: last.toISOString().slice(0, 10) };
}

const hours = (h: number | null) => (h === null ? '—' : `${h.toFixed(1)} h`);

function Counts({ title, rows, total }: { title: string; rows: CountRow[]; total: number }) {
  return (
    <Stack gap={4}>
      <Title order={4}>{title}</Title>
      <Table withTableBorder striped aria-label={title}>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.key}>
              <Table.Td>{r.label}</Table.Td>
              <Table.Td ta="right">{r.count}</Table.Td>
              <Table.Td ta="right" c="dimmed">
                {total ? `${((r.count / total) * 100).toFixed(1)} %` : '—'}
              </Table.Td>
            </Table.Tr>
          ))}
          {!rows.length && (
            <Table.Tr>
              <Table.Td c="dimmed">No incidents</Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

function Figure({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Stack gap={0} role="group" aria-label={label}>
      <Text size="xs" c="dimmed" tt="uppercase">
        {label}
      </Text>
      <Text fw={600} size="xl">
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Stack>
  );
}

function Figures({ r }: { r: ActivityReport }) {
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, sm: 5 }}>
        <Figure label="Incidents opened" value={String(r.total)} hint={`${r.closed} closed`} />
        <Figure
          label="SLA compliance"
          value={r.sla.compliancePercent === null ? '—' : `${r.sla.compliancePercent.toFixed(1)} %`}
          hint={`${r.sla.compliant} of ${r.sla.withTargets} with targets`}
        />
        <Figure
          label="Breaches"
          value={`${r.sla.responseBreached} / ${r.sla.resolutionBreached}`}
          hint="response / resolution"
        />
        <Figure
          label="Median time to acknowledge"
          value={hours(r.times.acknowledgeMedianHours)}
          hint={`${r.times.acknowledged} incidents`}
        />
        <Figure
          label="Median time to resolve"
          value={hours(r.times.resolveMedianHours)}
          hint={`${r.times.resolved} incidents`}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Counts title="By class" rows={r.byClass} total={r.total} />
        <Counts title="By priority" rows={r.byPriority} total={r.total} />
      </SimpleGrid>
    </Stack>
  );
}

/** The periodic activity report: pick a period and a constituency, read the figures, export them. */
export function ActivityReportPage() {
  const [period, setPeriod] = useState(lastMonth);
  const [constituency, setConstituency] = useState<string | null>(null);
  const valid = DAY.test(period.from) && DAY.test(period.to) && period.from <= period.to;
  const query = { ...period, constituency };
  const report = useQuery({
    queryKey: ['reporting', 'activity', query],
    queryFn: () => api<ActivityReport>('GET', withQuery('/api/v1/reporting/activity', query)),
    enabled: valid,
    placeholderData: keepPreviousData,
  });
  const client = useQueryClient();
  useLiveEvent(
    'incident.changed',
    () => void client.invalidateQueries({ queryKey: ['reporting', 'activity'] }),
  );
  const constituencies = useQuery({
    queryKey: ['constituencies', ''],
    queryFn: () => api<{ items: ConstituencySummary[] }>('GET', '/api/v1/constituencies'),
  });
  const href = (ext: string) => withQuery(`/api/v1/reporting/activity.${ext}`, query);

  return (
    <Stack gap="md">
      <Title order={2}>Activity report</Title>
      <Text size="sm" c="dimmed">
        The incidents opened in the period that you may see, by class and priority, with SLA compliance and
        median times. The exports carry the TLP marking of the most restricted incident counted.
      </Text>
      <Group align="end">
        <TextInput
          type="date"
          label="From"
          value={period.from}
          onChange={(e) => {
            // Read now: the event's target is gone by the time the updater runs.
            const fromDay = e.currentTarget.value;
            setPeriod((p) => ({ ...p, from: fromDay }));
          }}
        />
        <TextInput
          type="date"
          label="To"
          value={period.to}
          error={valid ? undefined : 'Must be on or after From'}
          onChange={(e) => {
            // Read now: the event's target is gone by the time the updater runs.
            const toDay = e.currentTarget.value;
            setPeriod((p) => ({ ...p, to: toDay }));
          }}
        />
        <Select
          label="Constituency"
          placeholder="All constituencies"
          clearable
          searchable
          value={constituency}
          onChange={setConstituency}
          data={(constituencies.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
        />
        <Button
          component="a"
          variant="default"
          href={valid ? href('html') : undefined}
          target="_blank"
          rel="noopener noreferrer"
          disabled={!valid}
        >
          Open HTML
        </Button>
        <Button component="a" href={valid ? href('pdf') : undefined} download disabled={!valid}>
          Download PDF
        </Button>
      </Group>
      {report.error && <ErrorAlert error={report.error} title="Could not build the report" />}
      {report.data && <Figures r={report.data} />}
    </Stack>
  );
}
