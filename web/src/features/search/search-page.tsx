import { Button, Chip, Group, Loader, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { ConstituencySummary } from '#contracts/constituencies.ts';
import { Phase } from '#contracts/incidents.ts';
import { Tlp, type User } from '#contracts/identity.ts';
import { SEARCH_KINDS, type SearchHit, type SearchKind, type SearchResponse } from '#contracts/search.ts';
import { useSearchParams } from 'react-router-dom';
import { useSignedInUser } from '../../app/session.tsx';
import { api } from '../../lib/api-client.ts';
import { hasRole } from '../../lib/roles.ts';
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
  const me = useSignedInUser();
  // Only administrators may list users; everyone else can narrow to their own incidents.
  const users = useQuery({
    queryKey: ['users', 'all'],
    queryFn: () => api<{ items: User[] }>('GET', '/api/v1/users'),
    enabled: hasRole(me.role, 'admin'),
  });
  const handlers = [
    { value: me.id, label: `Me (${me.name})` },
    ...(users.data?.items ?? []).filter((u) => u.id !== me.id).map((u) => ({ value: u.id, label: u.name })),
  ];
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
        <Select
          label="Handler"
          clearable
          searchable
          data={handlers}
          value={params.get('handler')}
          onChange={(v) => set('handler', v)}
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
            <KindSection
              key={`${k}:${query.toString()}`}
              kind={k}
              query={query}
              first={items.filter((i) => i.kind === k)}
              more={results.data?.more.includes(k) ?? false}
              now={now}
            />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

/** One kind's hits; "Show more" fetches the kind's next page (`offset`) and appends it. */
function KindSection(props: {
  kind: SearchKind;
  query: URLSearchParams;
  first: SearchHit[];
  more: boolean;
  now: Date;
}) {
  const [pages, setPages] = useState<{ hits: SearchHit[]; more: boolean }>({ hits: [], more: props.more });
  const hits = [...props.first, ...pages.hits];
  const next = useMutation({
    mutationFn: () => {
      const q = new URLSearchParams(props.query);
      q.set('kinds', props.kind);
      q.set('offset', String(hits.length));
      return api<SearchResponse>('GET', `/api/v1/search?${q.toString()}`);
    },
    onSuccess: (page) =>
      setPages((prev) => ({
        hits: [...prev.hits, ...page.items.filter((i) => i.kind === props.kind)],
        more: page.more.includes(props.kind),
      })),
  });
  return (
    <Stack gap="xs" component="section" aria-label={LABELS[props.kind]}>
      <Title order={4}>
        {LABELS[props.kind]} ({hits.length}
        {pages.more ? '+' : ''})
      </Title>
      {hits.map((hit) => (
        <SearchHitCard key={`${hit.kind}:${hit.id}`} hit={hit} now={props.now} />
      ))}
      <ErrorAlert error={next.error} title="The next results could not be loaded" />
      {pages.more && (
        <Group>
          <Button variant="light" size="xs" loading={next.isPending} onClick={() => next.mutate()}>
            Show more {LABELS[props.kind].toLowerCase()}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
