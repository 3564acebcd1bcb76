import { Badge, Button, Group, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { CorrelationRule } from '#contracts/correlation-rules.ts';
import { api } from '../../lib/api-client.ts';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { LocalTime } from '../../ui/local-time.tsx';
import { RowActions } from '../../ui/row-actions.tsx';
import { CorrelationRuleDialog, correlationRulesKey } from './correlation-rule-dialog.tsx';
import { formatWindow } from './intake-forms.ts';

const rulePath = (id: string) => `/api/v1/correlation-rules/${encodeURIComponent(id)}`;

/** Admin › Intake: rules that link new reports to open incidents by themselves. The open editor lives in the URL. */
export function CorrelationRulesSection() {
  const [params, setParams] = useSearchParams();
  const client = useQueryClient();
  const [deleting, setDeleting] = useState<CorrelationRule | null>(null);
  const rules = useQuery({
    queryKey: correlationRulesKey,
    queryFn: () => api<{ items: CorrelationRule[] }>('GET', '/api/v1/correlation-rules'),
  });
  const refresh = () => client.invalidateQueries({ queryKey: correlationRulesKey });
  const toggle = useMutation({
    mutationFn: (r: CorrelationRule) => {
      const { id, createdAt: _c, updatedAt: _u, updatedBy: _b, ...rest } = r;
      return api<CorrelationRule>('PUT', rulePath(id), { ...rest, enabled: !r.enabled });
    },
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (r: CorrelationRule) => api<void>('DELETE', rulePath(r.id)),
    onSuccess: async () => {
      setDeleting(null);
      await refresh();
    },
  });
  const edit = (value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set('correlation', value);
    else next.delete('correlation');
    setParams(next);
  };
  const editing = params.get('correlation');
  const selected = editing === 'new' ? 'new' : (rules.data?.items.find((r) => r.id === editing) ?? null);
  const items = rules.data?.items ?? [];

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={3}>Correlation rules</Title>
        <Button onClick={() => edit('new')}>New correlation rule</Button>
      </Group>
      <Text size="sm" c="dimmed">
        A new report that shares observables with a report of an open incident, seen within the window, joins
        that incident by itself; the timeline names the rule. Every report still shows its suggestions.
      </Text>
      <ErrorAlert error={rules.error ?? toggle.error} title="Could not load or change correlation rules" />
      {rules.isSuccess && items.length === 0 ? (
        <EmptyState
          title="No correlation rules yet"
          action={
            <Button variant="light" onClick={() => edit('new')}>
              New correlation rule
            </Button>
          }
        >
          Reports then only suggest incidents. Add a rule such as “same constituency and IP within 24 hours”
          to link repeated reports of one case without a handler.
        </EmptyState>
      ) : (
        <Table striped highlightOnHover aria-label="Correlation rules">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Enabled</Table.Th>
              <Table.Th>Name</Table.Th>
              <Table.Th>Compares</Table.Th>
              <Table.Th>Window</Table.Th>
              <Table.Th>Source</Table.Th>
              <Table.Th>Changed</Table.Th>
              <Table.Th aria-label="Actions" />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>
                  <Switch
                    aria-label={`Enable ${r.name}`}
                    checked={r.enabled}
                    disabled={toggle.isPending}
                    onChange={() => toggle.mutate(r)}
                  />
                </Table.Td>
                <Table.Td>{r.name}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {r.minShared > 1 && <Text size="sm">{r.minShared}×</Text>}
                    {r.observableTypes.map((t) => (
                      <Badge key={t} variant="light" color="gray" tt="none" ff="monospace">
                        {t}
                      </Badge>
                    ))}
                    {r.sameConstituency && (
                      <Badge variant="outline" tt="none">
                        same constituency
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>{formatWindow(r.windowHours * 3600)}</Table.Td>
                <Table.Td ff={r.source ? 'monospace' : undefined} c={r.source ? undefined : 'dimmed'}>
                  {r.source ?? 'any'}
                </Table.Td>
                <Table.Td>
                  <LocalTime iso={r.updatedAt} size="xs" />{' '}
                  <Text size="xs" c="dimmed" span>
                    by {r.updatedBy}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <RowActions
                    actions={[
                      { label: 'Edit', ariaLabel: `Edit ${r.name}`, onClick: () => edit(r.id) },
                      {
                        label: 'Delete',
                        ariaLabel: `Delete ${r.name}`,
                        color: 'red',
                        onClick: () => setDeleting(r),
                      },
                    ]}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <CorrelationRuleDialog rule={selected} onClose={() => edit(null)} />
      <ConfirmDialog
        opened={deleting !== null}
        title={`Delete the correlation rule “${deleting?.name ?? ''}”?`}
        confirmLabel="Delete"
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() => deleting && remove.mutate(deleting)}
        onCancel={() => {
          setDeleting(null);
          remove.reset();
        }}
      >
        New reports are no longer linked by it. Reports it linked stay with their incidents.
      </ConfirmDialog>
    </Stack>
  );
}
