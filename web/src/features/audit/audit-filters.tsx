import { Button, CloseButton, Group, Pill, Select, TextInput } from '@mantine/core';
import { useSearchParams } from 'react-router-dom';
import { useUrlFilter } from '../../lib/use-url-filter.ts';

// The server matches action and target type exactly, so offer the known ones rather than free text.
// An unknown value from a shared link is still shown and kept.
const knownActions = [
  'user.created',
  'user.updated',
  'user.password_reset',
  'session.created',
  'session.failed',
  'session.ended',
  'token.created',
  'token.revoked',
  'constituency.created',
  'constituency.updated',
  'constituency.deleted',
  'report.registered',
  'report.linked',
  'report.discarded',
  'taxonomy.type_added',
];
const knownTargetTypes = ['user', 'api_token', 'constituency', 'report', 'incident', 'taxonomy_type'];

/** Exact-match filters that arrive by link (a user's "Audit trail"), shown so they can be removed. */
const linkedFilters = [
  { key: 'targetId', label: 'Target' },
  { key: 'actorId', label: 'Actor' },
  { key: 'before', label: 'Before entry' },
] as const;

export const auditFilterKeys = ['q', 'action', 'targetType', ...linkedFilters.map((f) => f.key)] as const;

export function AuditFilters() {
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useUrlFilter('q');
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
  const withCurrent = (options: string[], current: string | null) =>
    current && !options.includes(current) ? [current, ...options] : options;
  const action = params.get('action');
  const targetType = params.get('targetType');
  const active = auditFilterKeys.some((k) => params.get(k));

  return (
    <Group align="flex-end" gap="sm">
      <TextInput
        label="Search"
        placeholder="e-mail, name, id…"
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        rightSection={q ? <CloseButton size="sm" aria-label="Clear search" onClick={() => setQ('')} /> : null}
        w={240}
      />
      <Select
        label="Action"
        placeholder="Any action"
        data={withCurrent(knownActions, action)}
        value={action}
        onChange={(v) => set('action', v)}
        searchable
        clearable
        w={220}
      />
      <Select
        label="Target type"
        placeholder="Any target"
        data={withCurrent(knownTargetTypes, targetType)}
        value={targetType}
        onChange={(v) => set('targetType', v)}
        searchable
        clearable
        w={180}
      />
      {linkedFilters.map(
        (f) =>
          params.get(f.key) && (
            <Pill key={f.key} size="lg" withRemoveButton onRemove={() => set(f.key, null)} mb={4}>
              {f.label}: <code>{params.get(f.key)}</code>
            </Pill>
          ),
      )}
      {active && (
        <Button variant="subtle" size="sm" onClick={() => setParams({}, { replace: true })}>
          Clear filters
        </Button>
      )}
    </Group>
  );
}
