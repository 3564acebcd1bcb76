import { Chip, Group, Loader, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ConstituencySummary } from '#contracts/constituencies.ts';
import { Phase } from '#contracts/incidents.ts';
import { Tlp } from '#contracts/identity.ts';
import { SEARCH_KINDS, type SearchKind, type SearchResponse } from '#contracts/search.ts';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../lib/api-client.ts';
import { useNow } from '../../lib/use-now.ts';
import { useUrlFilter } from '../../lib/use-url-filter.ts';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { SearchHitCard } from './search-hit.tsx';

const LABELS: Record<SearchKind, string> = {
  incident: 'Incidents',
  report: 'Reports',
  note: 'Notes',
  communication: 'Communications',
  task: 'Tasks',
  observable: 'Observable sightings',
};
const FILTERS = ['from', 'to', 'classification', 'constituency', 'tlp', 'phase', 'handler'] as const;

/** One search across the archive and everything live, grouped by kind, within the user's scope. */
export function SearchPage() {
  const [params, setParams] = useSearchParams();
  const [input, setInput, q] = useUrlFilter('q');
  const kinds = (params.get('kinds') ?? '').split(',').filter(Boolean) as SearchKind[];
  const set = (key: string, value: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  const query = new URLSearchParams({ q });
  if (kinds.length) query.set('kinds', kinds.join(','));
  for (const f of FILTERS) if (params.get(f)) query.set(f, params.get(f)!);
  const results = useQuery({
    queryKey: ['search', query.toString()],
    queryFn: () => api<SearchResponse>('GET', `/api/v1/search?${query.toString()}`),
    enabled: q.trim().length > 0,
  });
  const constituencies = useQuery({
    queryKey: ['constituencies', 'all'],
    queryFn: () => api<{ items: ConstituencySummary[] }>('GET', '/api/v1/constituencies'),
  });
  const now = useNow();
  const items = results.data?.items ?? [];

  return (
    <Stack gap="md">
      <Title order={2}>Search</Title>
      <TextInput
        aria-label="Search words or an observable"
        placeholder="Words, or an observable such as 203.0.113.5"
        value={input}
        onChange={(e) => setInput(e.currentTarget.value)}
        autoFocus
      />
      <Chip.Group multiple value={kinds} onChange={(v) => set('kinds', v.join(','))}>
        <Group gap="xs" aria-label="Kinds">
          {SEARCH_KINDS.map((k) => (
            <Chip key={k} value={k} size="xs">
              {LABELS[k]}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      <Group gap="sm" align="flex-end">
        <TextInput
          type="date"
          label="From"
          value={params.get('from') ?? ''}
          onChange={(e) => set('from', e.currentTarget.value)}
        />
        <TextInput
          type="date"
          label="To"
          value={params.get('to') ?? ''}
          onChange={(e) => set('to', e.currentTarget.value)}
        />
        <Select
          label="Phase"
          clearable
          data={Phase.options}
          value={params.get('phase')}
          onChange={(v) => set('phase', v)}
          w={170}
        />
        <Select
          label="TLP"
          clearable
          data={Tlp.options}
          value={params.get('tlp')}
          onChange={(v) => set('tlp', v)}
          w={140}
        />
        <Select
          label="Constituency"
          clearable
          searchable
          data={(constituencies.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
          value={params.get('constituency')}
          onChange={(v) => set('constituency', v)}
          w={200}
        />
        <TextInput
          label="Classification"
          placeholder="e.g. malicious-code/infected-system"
          defaultValue={params.get('classification') ?? ''}
          onBlur={(e) => set('classification', e.currentTarget.value.trim())}
          w={260}
        />
      </Group>
      <ErrorAlert error={results.error} title="The search failed" />
      {!q.trim() ? (
        <EmptyState title="Search everything you may see">
          Incidents (archived ones too), reports, notes, communications, tasks — or paste an IP address,
          domain or hash to see everywhere it was seen. Press / anywhere to search.
        </EmptyState>
      ) : results.isPending ? (
        <Loader size="sm" aria-label="Searching" />
      ) : items.length === 0 ? (
        <EmptyState title="Nothing found">
          Nothing in your scope matches. Other constituencies and data above your TLP ceiling are not
          searched.
        </EmptyState>
      ) : (
        <Stack gap="lg">
          {results.data?.observable && (
            <Text size="sm" c="dimmed">
              Read as {results.data.observable.type} <code>{results.data.observable.value}</code>.
            </Text>
          )}
          {SEARCH_KINDS.filter((k) => items.some((i) => i.kind === k)).map((k) => (
            <Stack key={k} gap="xs" component="section" aria-label={LABELS[k]}>
              <Title order={4}>
                {LABELS[k]} ({items.filter((i) => i.kind === k).length})
              </Title>
              {items
                .filter((i) => i.kind === k)
                .map((hit) => (
                  <SearchHitCard key={`${hit.kind}:${hit.id}`} hit={hit} now={now} />
                ))}
            </Stack>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
