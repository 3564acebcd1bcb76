import { Alert, Anchor, Button, Skeleton, Stack, Tabs } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../lib/api-client.ts';
import { useLiveEvent } from '../../lib/live-events.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { IncidentCommunications } from '../communications/incident-communications.tsx';
import { EvidenceTab } from '../evidence/evidence-tab.tsx';
import { ObservablesTab } from '../observables/observables-tab.tsx';
import { TasksPanel } from '../tasks/tasks-panel.tsx';
import { NotesTab } from '../notes/notes-tab.tsx';
import { LessonsTab } from '../lessons/lessons-tab.tsx';
import { IncidentHeader } from './incident-header.tsx';
import { DestroyedNotice } from '../retention/legal-hold.tsx';
import { IncidentOverview } from './incident-overview.tsx';
import { incidentKeys, useIncident } from './incident-queries.ts';
import { IncidentReports } from './incident-reports.tsx';
import { IncidentTimeline } from './incident-timeline.tsx';

const TABS = [
  'overview',
  'tasks',
  'reports',
  'timeline',
  'communications',
  'notes',
  'observables',
  'evidence',
  'lessons',
] as const;

/** One incident: header with every triage fact and action, and a tab per part of the work on it. */
export function IncidentPage() {
  const key = useParams().key ?? '';
  const [params, setParams] = useSearchParams();
  const tab = TABS.find((t) => t === params.get('tab')) ?? 'overview';
  const incident = useIncident(key);
  const client = useQueryClient();
  // A colleague's change: refetch; forms keep their input and say it changed underneath them.
  useLiveEvent('incident.changed', (e) => {
    if (e.data.key === key) void client.invalidateQueries({ queryKey: incidentKeys.one(key) });
  });
  const tlp = incident.data?.tlp;
  useEffect(() => {
    // The marking travels with the tab title, into history and printouts.
    document.title = `${key}${tlp ? ` [TLP:${tlp.toUpperCase()}]` : ''} · Firebreak`;
    return () => {
      document.title = 'Firebreak';
    };
  }, [key, tlp]);

  if (incident.error instanceof ApiError && incident.error.status === 404)
    return (
      <EmptyState
        title={`No incident ${key}`}
        action={
          <Button component={Link} to="/incidents" variant="light">
            All incidents
          </Button>
        }
      >
        It does not exist, or it belongs to a constituency or TLP level outside what you may see.
      </EmptyState>
    );
  if (incident.error) return <ErrorAlert error={incident.error} title={`Could not load ${key}`} />;
  if (!incident.data)
    return (
      <Stack gap="sm" aria-busy="true" aria-label={`Loading ${key}`}>
        <Skeleton h={24} w={300} />
        <Skeleton h={32} w="60%" />
        <Skeleton h={20} />
        <Skeleton h={60} />
      </Stack>
    );
  const i = incident.data;
  return (
    <Stack gap="md">
      {i.mergedInto && (
        <Alert color="gray" title={`Merged into ${i.mergedInto}`}>
          Its reports, observables and timeline now live under{' '}
          <Anchor component={Link} to={`/incidents/${i.mergedInto}`}>
            {i.mergedInto}
          </Anchor>
          ; this record is kept for reference.
        </Alert>
      )}
      <DestroyedNotice incident={i} />
      <IncidentHeader incident={i} />
      <Tabs
        value={tab}
        onChange={(t) => {
          const next = new URLSearchParams(params);
          if (t && t !== 'overview') next.set('tab', t);
          else next.delete('tab');
          setParams(next, { replace: true });
        }}
      >
        <Tabs.List>
          <Tabs.Tab value="overview">Overview</Tabs.Tab>
          <Tabs.Tab value="tasks">Tasks</Tabs.Tab>
          <Tabs.Tab value="reports">Reports ({i.reportIds.length})</Tabs.Tab>
          <Tabs.Tab value="timeline">Timeline</Tabs.Tab>
          <Tabs.Tab value="communications">Communications</Tabs.Tab>
          <Tabs.Tab value="observables">Observables</Tabs.Tab>
          <Tabs.Tab value="evidence">Evidence</Tabs.Tab>
          <Tabs.Tab value="notes">Notes</Tabs.Tab>
          <Tabs.Tab value="lessons">Lessons</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="overview" pt="md">
          <IncidentOverview incident={i} />
        </Tabs.Panel>
        {/* Mounted only when opened: its `n`, `m` and `w` shortcuts belong to this tab. */}
        <Tabs.Panel value="tasks" pt="md" keepMounted={false}>
          <TasksPanel incidentKey={i.key} />
        </Tabs.Panel>
        {/* Mounted only when opened: it loads every linked report. */}
        <Tabs.Panel value="reports" pt="md" keepMounted={false}>
          <IncidentReports reportIds={i.reportIds} />
        </Tabs.Panel>
        <Tabs.Panel value="timeline" pt="md">
          <IncidentTimeline incidentKey={i.key} />
        </Tabs.Panel>
        <Tabs.Panel value="observables" pt="md" keepMounted={false}>
          <ObservablesTab incidentKey={i.key} />
        </Tabs.Panel>
        <Tabs.Panel value="evidence" pt="md" keepMounted={false}>
          <EvidenceTab incident={i} />
        </Tabs.Panel>
        <Tabs.Panel value="communications" pt="md" keepMounted={false}>
          <IncidentCommunications incident={i} />
        </Tabs.Panel>
        {/* Mounted only when opened: its `n` shortcut belongs to this tab. */}
        <Tabs.Panel value="notes" pt="md" keepMounted={false}>
          <NotesTab incident={i} />
        </Tabs.Panel>
        <Tabs.Panel value="lessons" pt="md" keepMounted={false}>
          <LessonsTab incident={i} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
