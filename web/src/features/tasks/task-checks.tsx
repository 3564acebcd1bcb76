import { Badge, Button, Group, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ObservableType } from '#contracts/observables.ts';
import {
  TASK_CHECK_EXPECTATIONS,
  TaskCheckKind,
  type NewTaskCheck,
  type TaskCheck,
  type TaskCheckExpectation,
  type TaskCheckResult,
} from '#contracts/task-checks.ts';
import { api, ApiError, type Method } from '../../lib/api-client.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { LocalTime } from '../../ui/local-time.tsx';
import { tasksPath } from './task-queries.ts';

const kindLabel: Record<TaskCheckKind, string> = {
  observable_reappears: 'Observable reappears in new reports',
  url_answers: 'URL answers',
  url_content_changed: 'URL content changed',
  tcp_port_open: 'TCP port open',
};
const targetHint: Record<TaskCheckKind, string> = {
  observable_reappears: 'e.g. 198.51.100.23',
  url_answers: 'https://phish.example/login',
  url_content_changed: 'https://defaced.example/',
  tcp_port_open: 'host:port, e.g. 192.0.2.10:3389',
};
/** "Worked when …": the expectation in words. */
const expectationLabel: Record<TaskCheckExpectation, string> = {
  absent: 'not reported again',
  down: 'the URL is down',
  up: 'the URL answers',
  changed: 'the content changed',
  unchanged: 'the content is unchanged',
  closed: 'the port is closed',
  open: 'the port is open',
};
const resultColor: Record<TaskCheckResult, string> = { pass: 'green', fail: 'red', error: 'orange' };

const checksKey = (incidentKey: string, taskId: string) => [
  'incident',
  incidentKey,
  'tasks',
  taskId,
  'checks',
];
const checksPath = (incidentKey: string, taskId: string) =>
  `${tasksPath(incidentKey)}/${encodeURIComponent(taskId)}/checks`;

/**
 * The automatic checks on one task (ENISA guide 4.4): their last result and time, "Run now", and a
 * small form to arm another. A pass verifies a done task, a fail reopens it; the board refreshes.
 */
export function TaskChecks({
  incidentKey,
  taskId,
  canEdit,
}: {
  incidentKey: string;
  taskId: string;
  canEdit: boolean;
}) {
  const client = useQueryClient();
  const path = checksPath(incidentKey, taskId);
  const checks = useQuery({
    queryKey: checksKey(incidentKey, taskId),
    queryFn: () => api<{ items: TaskCheck[] }>('GET', path),
  });
  const act = useMutation({
    mutationFn: ({ method, url }: { method: Method; url: string }) => api<unknown>(method, url),
    // The run may have verified or reopened the task: refresh the whole incident.
    onSuccess: () => client.invalidateQueries({ queryKey: ['incident', incidentKey] }),
  });
  const [adding, setAdding] = useState(false);
  const items = checks.data?.items ?? [];
  return (
    <Stack gap={6} aria-label="Automatic checks">
      <Group justify="space-between">
        {(items.length > 0 || adding) && (
          <Text size="xs" fw={600} c="dimmed">
            Automatic checks
          </Text>
        )}
        {canEdit && !adding && (
          <Button size="compact-xs" variant="subtle" onClick={() => setAdding(true)}>
            Add check
          </Button>
        )}
      </Group>
      <ErrorAlert
        error={checks.error ?? act.error}
        title="Checks"
        onClose={act.error ? () => act.reset() : undefined}
      />
      {items.map((c) => (
        <CheckRow
          key={c.id}
          check={c}
          canEdit={canEdit}
          busy={act.isPending && act.variables?.url.includes(c.id)}
          onRun={() => act.mutate({ method: 'POST', url: `${path}/${c.id}/run` })}
          onRemove={() => act.mutate({ method: 'DELETE', url: `${path}/${c.id}` })}
        />
      ))}
      {adding && <AddCheckForm path={path} incidentKey={incidentKey} onClose={() => setAdding(false)} />}
    </Stack>
  );
}

function CheckRow(props: {
  check: TaskCheck;
  canEdit: boolean;
  busy: boolean;
  onRun: () => void;
  onRemove: () => void;
}) {
  const { check: c, canEdit, busy } = props;
  return (
    <Stack gap={2} data-check-kind={c.kind} data-result={c.lastResult ?? 'none'}>
      <Group gap={6} wrap="nowrap" justify="space-between">
        <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
          <Badge size="xs" variant="light" color={c.lastResult ? resultColor[c.lastResult] : 'gray'}>
            {c.lastResult ?? 'not run'}
          </Badge>
          <Text size="xs" style={{ wordBreak: 'break-all' }}>
            {kindLabel[c.kind]}: <code>{c.target}</code> · worked when {expectationLabel[c.expectation]} ·
            every {c.intervalMinutes} min
          </Text>
        </Group>
        {canEdit && (
          <Group gap={4} wrap="nowrap">
            <Button size="compact-xs" variant="light" loading={busy} onClick={props.onRun}>
              Run now
            </Button>
            <Button size="compact-xs" variant="subtle" color="red" disabled={busy} onClick={props.onRemove}>
              Remove
            </Button>
          </Group>
        )}
      </Group>
      {c.lastRunAt && (
        <Group gap={4} wrap="nowrap">
          <LocalTime iso={c.lastRunAt} size="xs" c="dimmed" />
          <Text size="xs" c="dimmed" style={{ wordBreak: 'break-word' }}>
            {c.lastDetail}
          </Text>
        </Group>
      )}
    </Stack>
  );
}

function AddCheckForm({
  path,
  incidentKey,
  onClose,
}: {
  path: string;
  incidentKey: string;
  onClose: () => void;
}) {
  const client = useQueryClient();
  const [kind, setKind] = useState<TaskCheckKind>('url_answers');
  const [target, setTarget] = useState('');
  const [observableType, setObservableType] = useState<ObservableType>('ipv4');
  const [expectation, setExpectation] = useState<TaskCheckExpectation>('down');
  const [every, setEvery] = useState<number>(60);
  const add = useMutation({
    mutationFn: (body: NewTaskCheck) => api<TaskCheck>('POST', path, body),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['incident', incidentKey] });
      onClose();
    },
  });
  const errors = add.error instanceof ApiError ? add.error.fieldErrors() : {};
  const expectations = TASK_CHECK_EXPECTATIONS[kind];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate({
      kind,
      target,
      expectation,
      intervalMinutes: every,
      ...(kind === 'observable_reappears' ? { observableType } : {}),
    });
  };
  return (
    <form onSubmit={submit} aria-label="Add check">
      <Stack gap={6}>
        <Group gap={6} align="flex-start" grow>
          <Select
            size="xs"
            label="Check"
            data={TaskCheckKind.options.map((k) => ({ value: k, label: kindLabel[k] }))}
            value={kind}
            allowDeselect={false}
            onChange={(v) => {
              const next = v ?? 'url_answers';
              setKind(next);
              setExpectation(TASK_CHECK_EXPECTATIONS[next][0]!);
            }}
          />
          {kind === 'observable_reappears' && (
            <Select
              size="xs"
              label="Type"
              data={ObservableType.options}
              value={observableType}
              allowDeselect={false}
              onChange={(v) => setObservableType(v ?? 'ipv4')}
              error={errors.observableType}
            />
          )}
          <Select
            size="xs"
            label="Worked when"
            data={expectations.map((x) => ({ value: x, label: expectationLabel[x] }))}
            value={expectation}
            allowDeselect={false}
            onChange={(v) => setExpectation((v ?? expectations[0]) as TaskCheckExpectation)}
            error={errors.expectation}
          />
        </Group>
        <Group gap={6} align="flex-start">
          <TextInput
            size="xs"
            label="Target"
            placeholder={targetHint[kind]}
            value={target}
            onChange={(e) => setTarget(e.currentTarget.value)}
            error={errors.target}
            required
            style={{ flex: 1 }}
          />
          <NumberInput
            size="xs"
            label="Every (minutes)"
            min={1}
            max={10080}
            value={every}
            onChange={(v) => setEvery(typeof v === 'number' ? v : 60)}
            error={errors.intervalMinutes}
            w={120}
          />
        </Group>
        <ErrorAlert error={add.error} title="Could not add the check" />
        <Group gap={6} justify="flex-end">
          <Button size="compact-sm" variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button size="compact-sm" type="submit" loading={add.isPending}>
            Arm check
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
