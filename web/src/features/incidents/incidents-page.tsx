import { Group, SegmentedControl, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { Phase } from '#contracts/incidents.ts';
import { useLiveEvent } from '../../lib/live-events.tsx';
import { useUrlFilter } from '../../lib/use-url-filter.ts';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { phaseLabel } from './incident-labels.ts';
import { incidentKeys, useIncidents, type IncidentListFilter } from './incident-queries.ts';
import { IncidentsTable } from './incidents-table.tsx';
import { byPriority } from './priority-order.ts';

const LIMIT = 500;

/** Every incident in the user's scope; search, phase, open/closed and sort live in the URL. */
export function IncidentsPage() {
  const [params, setParams] = useSearchParams();
  const [input, setInput, q] = useUrlFilter('q');
  const open = params.get('open') ?? 'true';
  const phase = Phase.options.find((p) => p === params.get('phase'));
  const sortedByPriority = params.get('sort') === 'priority';
  const filter: IncidentListFilter = {
    phase,
    open: open === 'true' || open === 'false' ? open : undefined,
    q: q || undefined,
    limit: LIMIT,
  };
  const incidents = useIncidents(filter);
  const client = useQueryClient();
  useLiveEvent('incident.changed', () => void client.invalidateQueries({ queryKey: incidentKeys.lists }));
  const setParam = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const items = incidents.data?.items ?? [];
  // The server lists newest first; priority order keeps that within each priority.
  const shown = sortedByPriority ? [...items].sort(byPriority(() => 0)) : items;

  return (
    <Stack gap="sm">
      <Title order={2}>Incidents</Title>
      <Group gap="sm">
        <TextInput
          aria-label="Search incidents"
          placeholder="Key or words of title and summary"
          value={input}
          onChange={(e) => setInput(e.currentTarget.value)}
          w={300}
        />
        <SegmentedControl
          aria-label="Open or closed"
          value={open}
          onChange={(v) => setParam('open', v === 'true' ? null : v)}
          data={[
            { value: 'true', label: 'Open' },
            { value: 'false', label: 'Closed' },
            { value: 'all', label: 'All' },
          ]}
        />
        <Select
          aria-label="Phase"
          placeholder="Any phase"
          clearable
          w={200}
          data={Phase.options.map((p) => ({ value: p, label: phaseLabel[p] }))}
          value={phase ?? null}
          onChange={(v) => setParam('phase', v)}
        />
        {items.length >= LIMIT && (
          <Text size="xs" c="dimmed">
            Showing the newest {LIMIT}; narrow the filters to see others.
          </Text>
        )}
      </Group>
      <ErrorAlert error={incidents.error} title="Could not load incidents" />
      {incidents.isSuccess && items.length === 0 ? (
        <EmptyState title="No incident matches">
          {q
            ? `Nothing matches “${q}”. Search looks at the key, the title and the summary.`
            : open === 'true' && !phase
              ? 'Nothing is open. Incidents are opened from reports in the Reports inbox.'
              : 'Loosen the filters to see more.'}
        </EmptyState>
      ) : (
        <div style={{ opacity: incidents.isPlaceholderData ? 0.6 : 1 }}>
          <IncidentsTable
            items={shown}
            sortedByPriority={sortedByPriority}
            onSortByPriority={() => setParam('sort', sortedByPriority ? null : 'priority')}
          />
        </div>
      )}
    </Stack>
  );
}
