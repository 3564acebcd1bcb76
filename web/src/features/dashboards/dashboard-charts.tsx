import { BarChart } from '@mantine/charts';
import { Button, Group, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import type { DurationFigure, DurationMeasure, QualityDashboard } from '#contracts/dashboards.ts';
import { EmptyState } from '../../ui/empty-state.tsx';

const PHASES = ['triage', 'response', 'eradication', 'recovery'];
const PHASE_COLORS = ['gray.6', 'red.6', 'orange.6', 'teal.6'];
const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`);
const hours = (seconds: number) => Math.round((seconds / 3600) * 10) / 10;

/** A titled figure with its CSV download. */
function Figure({ title, csv, children }: { title: string; csv: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Group justify="space-between" mb="sm">
        <Title order={4}>{title}</Title>
        <Button
          component="a"
          href={csv}
          download
          variant="subtle"
          size="xs"
          aria-label={`Download ${title} as CSV`}
        >
          CSV
        </Button>
      </Group>
      {children}
    </Paper>
  );
}

export function OpenChart({ open, csv }: { open: QualityDashboard['open']; csv: string }) {
  const priorities = [...new Set(open.map((o) => o.priority))].sort();
  const data = priorities.map((priority) => ({
    priority,
    ...Object.fromEntries(
      PHASES.map((phase) => [
        phase,
        open.find((o) => o.priority === priority && o.phase === phase)?.count ?? 0,
      ]),
    ),
  }));
  const total = open.reduce((n, o) => n + o.count, 0);
  return (
    <Figure title="Open incidents" csv={csv}>
      <Text size="sm" c="dimmed" mb="xs">
        {total} open now, by priority and phase
      </Text>
      {total === 0 ? (
        <Text size="sm">Nothing open.</Text>
      ) : (
        <BarChart
          h={220}
          data={data}
          dataKey="priority"
          type="stacked"
          withLegend
          series={PHASES.map((name, i) => ({ name, color: PHASE_COLORS[i]! }))}
        />
      )}
    </Figure>
  );
}

export function BacklogChart({ backlog, csv }: { backlog: QualityDashboard['backlog']; csv: string }) {
  return (
    <Figure title="Backlog age" csv={csv}>
      <Text size="sm" c="dimmed" mb="xs">
        Open incidents by time since they were opened
      </Text>
      <BarChart
        h={220}
        data={backlog}
        dataKey="bucket"
        series={[{ name: 'count', label: 'Incidents', color: 'indigo.6' }]}
      />
    </Figure>
  );
}

export function SlaChart({ sla, csv }: { sla: QualityDashboard['sla']; csv: string }) {
  return (
    <Figure title="SLA compliance" csv={csv}>
      <Group gap="xl" mb="xs">
        {sla.map((s) => (
          <Stack key={s.clock} gap={0}>
            <Text size="xl" fw={700} c={s.compliance !== null && s.compliance < 0.9 ? 'red' : undefined}>
              {percent(s.compliance)}
            </Text>
            <Text size="sm" c="dimmed">
              {s.clock} in time · {s.breached} breached ({s.breachedOpen} still open)
            </Text>
          </Stack>
        ))}
      </Group>
      <BarChart
        h={140}
        orientation="vertical"
        type="stacked"
        withLegend
        data={sla}
        dataKey="clock"
        series={[
          { name: 'met', color: 'teal.6' },
          { name: 'breached', color: 'red.6' },
          { name: 'pending', color: 'gray.5' },
        ]}
      />
    </Figure>
  );
}

const MEASURES: { value: DurationMeasure; label: string }[] = [
  { value: 'triage', label: 'Triage' },
  { value: 'acknowledge', label: 'Acknowledge' },
  { value: 'resolve', label: 'Resolve' },
];
type By = Exclude<DurationFigure['by'], 'all'>;

export function DurationsChart({ durations, csv }: { durations: DurationFigure[]; csv: string }) {
  const [measure, setMeasure] = useState<DurationMeasure>('acknowledge');
  const [by, setBy] = useState<By>('class');
  const overall = durations.find((d) => d.measure === measure && d.by === 'all');
  const rows = durations
    .filter((d) => d.measure === measure && d.by === by)
    .map((d) => ({ group: d.label, median: hours(d.medianSeconds), p90: hours(d.p90Seconds) }));
  return (
    <Figure title="Time to triage, acknowledge and resolve" csv={csv}>
      <Group justify="space-between" mb="xs">
        <SegmentedControl
          aria-label="Measure"
          value={measure}
          onChange={(v) => setMeasure(v)}
          data={MEASURES}
        />
        <SegmentedControl
          aria-label="Group by"
          value={by}
          onChange={(v) => setBy(v)}
          data={[
            { value: 'class', label: 'Class' },
            { value: 'constituency', label: 'Constituency' },
            { value: 'handler', label: 'Handler' },
          ]}
        />
      </Group>
      {overall ? (
        <Text size="sm" mb="xs">
          All incidents: median {hours(overall.medianSeconds)} h, 90th percentile {hours(overall.p90Seconds)}{' '}
          h ({overall.count} incidents)
        </Text>
      ) : (
        <EmptyState title="No times yet">No incident of the period has reached this step.</EmptyState>
      )}
      {rows.length > 0 && (
        <BarChart
          h={Math.max(120, rows.length * 36)}
          orientation="vertical"
          data={rows}
          dataKey="group"
          unit=" h"
          withLegend
          yAxisProps={{ width: 140 }}
          series={[
            { name: 'median', label: 'Median', color: 'blue.6' },
            { name: 'p90', label: '90th percentile', color: 'grape.6' },
          ]}
        />
      )}
    </Figure>
  );
}

export function RateCard(props: { title: string; rate: number | null; detail: string; csv: string }) {
  return (
    <Figure title={props.title} csv={props.csv}>
      <Text size="xl" fw={700}>
        {percent(props.rate)}
      </Text>
      <Text size="sm" c="dimmed">
        {props.detail}
      </Text>
    </Figure>
  );
}
