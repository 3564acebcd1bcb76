import '@mantine/charts/styles.css';
import { Group, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ConstituencySummary } from '#contracts/constituencies.ts';
import type { QualityDashboard } from '#contracts/dashboards.ts';
import { useSignedInUser } from '../../app/session.tsx';
import { api, withQuery } from '../../lib/api-client.ts';
import { useLiveEvent } from '../../lib/live-events.tsx';
import { hasRole } from '../../lib/roles.ts';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { LabelledSegmentedControl } from '../../ui/labelled-segmented-control.tsx';
import { useTaxonomy } from '../taxonomy/use-taxonomy.ts';
import { BacklogChart, DurationsChart, OpenChart, RateCard, SlaChart } from './dashboard-charts.tsx';

const PERIODS = ['7', '30', '90', '365'] as const;
type Period = (typeof PERIODS)[number];
const periodStart = (days: Period) => new Date(Date.now() - Number(days) * 86_400_000).toISOString();

export function DashboardsPage() {
  const user = useSignedInUser();
  if (!hasRole(user.role, 'handler'))
    return (
      <EmptyState title="Dashboards are for the team">
        Ask a lead for the handler role to see them.
      </EmptyState>
    );
  return <Dashboards />;
}

function Dashboards() {
  const [period, setPeriod] = useState<Period>('30');
  const [constituencyId, setConstituencyId] = useState<string | null>(null);
  const [cls, setCls] = useState<string | null>(null);
  const client = useQueryClient();
  const filters = { constituencyId, class: cls };
  const figures = useQuery({
    queryKey: ['dashboards', 'quality', period, filters],
    // The period ends when the figures are fetched.
    queryFn: () =>
      api<QualityDashboard>(
        'GET',
        withQuery('/api/v1/dashboards/quality', {
          ...filters,
          from: periodStart(period),
        }),
      ),
    placeholderData: keepPreviousData,
  });
  useLiveEvent('incident.changed', () => void client.invalidateQueries({ queryKey: ['dashboards'] }));
  const constituencies = useQuery({
    queryKey: ['constituencies', ''],
    queryFn: () => api<{ items: ConstituencySummary[] }>('GET', '/api/v1/constituencies'),
  });
  const taxonomy = useTaxonomy();
  const classes = [...new Map((taxonomy.data ?? []).map((t) => [t.class, t.classLabel]))].map(
    ([value, label]) => ({ value, label }),
  );
  const d = figures.data;
  // The CSV holds exactly the figures on screen: same period, same filters.
  const csv = (figure: string) =>
    withQuery('/api/v1/dashboards/quality.csv', { ...filters, from: d?.from, to: d?.to, figure });

  return (
    <Stack gap="md">
      <Title order={2}>Dashboards</Title>
      <Text size="sm" c="dimmed">
        Quality of the response for the incidents you may see. Period figures count the incidents opened in
        the period; open incidents and backlog are as of now.
      </Text>
      <Group align="end">
        <LabelledSegmentedControl
          label="Period"
          value={period}
          onChange={(v) => setPeriod(v)}
          data={PERIODS.map((p) => ({ value: p, label: `${p} days` }))}
        />
        <Select
          label="Constituency"
          placeholder="All"
          clearable
          searchable
          value={constituencyId}
          onChange={setConstituencyId}
          data={(constituencies.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
        />
        <Select
          label="Class"
          placeholder="All"
          clearable
          searchable
          value={cls}
          onChange={setCls}
          data={classes}
        />
      </Group>
      <ErrorAlert error={figures.error} title="Could not load the dashboards" />
      {d && (
        <Stack gap="md" style={{ opacity: figures.isPlaceholderData ? 0.6 : 1 }}>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <OpenChart open={d.open} csv={csv('open')} />
            <BacklogChart backlog={d.backlog} csv={csv('backlog')} />
          </SimpleGrid>
          <SlaChart sla={d.sla} csv={csv('sla')} />
          <DurationsChart durations={d.durations} csv={csv('durations')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <RateCard
              title="Reopen rate"
              rate={d.reopen.rate}
              detail={`${d.reopen.reopened} of ${d.reopen.closed} closed incidents were reopened`}
              csv={csv('reopen')}
            />
            <RateCard
              title="Closed without lessons"
              rate={d.lessons.rate}
              detail={`${d.lessons.withoutLessons} of ${d.lessons.closed} incidents closed in the period lack a review`}
              csv={csv('lessons')}
            />
          </SimpleGrid>
        </Stack>
      )}
    </Stack>
  );
}
