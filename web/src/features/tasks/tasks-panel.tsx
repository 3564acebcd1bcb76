import { Button, Group, SegmentedControl, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Task, TaskBoard, TaskStatus } from '#contracts/tasks.ts';
import { useSignedInUser } from '../../app/session.tsx';
import { useLiveEvent } from '../../lib/live-events.tsx';
import { hasRole } from '../../lib/roles.ts';
import { useKeyboardShortcuts, type Shortcut } from '../../lib/use-keyboard-shortcuts.ts';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { KeyboardHelp } from '../../ui/keyboard-help.tsx';
import { TaskFormModal } from './task-form-modal.tsx';
import { TaskActionModal, type TaskAction } from './task-action-modal.tsx';
import { TaskCard } from './task-card.tsx';
import { filterTasks, groupByCycle, mayDecide, type TaskFilter } from './task-labels.ts';
import { taskKeys, tasksPath, useTaskBoard, useTaskMutation } from './task-queries.ts';

/** The Tasks tab: resolution cycles newest first, each with its tasks; filters, actions, new cycle. */
export function TasksPanel({ incidentKey }: { incidentKey: string }) {
  const user = useSignedInUser();
  const canWrite = hasRole(user.role, 'handler');
  const board = useTaskBoard(incidentKey);
  const client = useQueryClient();
  const [filter, setFilter] = useState<TaskFilter>('all');
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Task | null>(null);
  const [confirmCycle, setConfirmCycle] = useState(false);
  const [help, setHelp] = useState(false);
  const [acting, setActing] = useState<{ task: Task; action: TaskAction } | null>(null);
  const move = useTaskMutation(incidentKey);
  const cycle = useTaskMutation<TaskBoard>(incidentKey, () => setConfirmCycle(false));
  // Tasks change with every incident event (a colleague, a playbook, an automatic check).
  useLiveEvent('incident.changed', (e) => {
    if (e.data.key === incidentKey) void client.invalidateQueries({ queryKey: taskKeys.board(incidentKey) });
  });
  const toggle = (f: TaskFilter) => setFilter((current) => (current === f ? 'all' : f));
  const shortcuts: Shortcut[] = [
    ...(canWrite ? [{ keys: ['n'], description: 'New task', run: () => setCreating(true) }] : []),
    { keys: ['m'], description: 'Show only my open tasks (again: all)', run: () => toggle('mine') },
    { keys: ['w'], description: 'Show tasks waiting for a party (again: all)', run: () => toggle('waiting') },
    { keys: ['?'], description: 'Show these shortcuts', run: () => setHelp(true) },
  ];
  useKeyboardShortcuts(shortcuts, !creating && !acting && !confirmCycle);

  const onMove = (task: Task, to: TaskStatus) =>
    move.mutate({
      method: 'POST',
      path: `${tasksPath(incidentKey)}/${encodeURIComponent(task.id)}/transition`,
      body: { version: task.version, to },
    });

  if (board.isPending) return <Skeleton h={120} aria-label="Loading tasks" />;
  if (board.error) return <ErrorAlert error={board.error} title="Could not load the tasks" />;
  const { currentCycle, items } = board.data;
  const shown = filterTasks(items, filter, user.id);
  const open = items.filter(
    (t) => t.cycle === currentCycle && (t.status === 'proposed' || t.status === 'in_progress'),
  );

  return (
    <Stack gap="md" aria-label="Tasks">
      <Group justify="space-between">
        <SegmentedControl
          aria-label="Which tasks"
          value={filter}
          onChange={(v) => setFilter(v)}
          data={[
            { value: 'all', label: 'All' },
            { value: 'mine', label: 'Mine' },
            { value: 'waiting', label: 'Waiting for a party' },
          ]}
        />
        {canWrite && (
          <Group gap="xs">
            <Button variant="default" onClick={() => setConfirmCycle(true)}>
              Start new cycle
            </Button>
            <Button onClick={() => setCreating(true)}>New task</Button>
          </Group>
        )}
      </Group>
      <ErrorAlert error={move.error} onClose={() => move.reset()} />
      {items.length === 0 && (
        <EmptyState title="No tasks yet">
          Classifying the incident adds its playbook&apos;s tasks; add your own for each party involved.
        </EmptyState>
      )}
      {groupByCycle(shown, currentCycle).map(({ cycle: n, tasks }) => (
        <Stack key={n} gap="xs" component="section" aria-label={`Cycle ${n}`}>
          <Title order={4}>
            Cycle {n}
            {n === currentCycle && ' (current)'}
          </Title>
          {tasks.length === 0 && (
            <Text size="sm" c="dimmed">
              No tasks{filter !== 'all' ? ' match the filter' : ''}.
            </Text>
          )}
          {tasks.map((t) => (
            <TaskCard
              key={t.id}
              task={t}
              canWrite={canWrite}
              canDecide={mayDecide(t, user)}
              busy={move.isPending && move.variables.path.includes(t.id)}
              onMove={onMove}
              onTake={(task) =>
                move.mutate({
                  method: 'PATCH',
                  path: `${tasksPath(incidentKey)}/${encodeURIComponent(task.id)}`,
                  body: { version: task.version, ownerId: user.id },
                })
              }
              onAction={(task, action) => setActing({ task, action })}
              onEdit={setEditing}
            />
          ))}
        </Stack>
      ))}
      <TaskFormModal incidentKey={incidentKey} opened={creating} onClose={() => setCreating(false)} />
      <TaskFormModal
        incidentKey={incidentKey}
        task={editing}
        opened={editing !== null}
        onClose={() => setEditing(null)}
      />
      <TaskActionModal
        incidentKey={incidentKey}
        task={acting?.task ?? null}
        action={acting?.action ?? null}
        onClose={() => setActing(null)}
      />
      <ConfirmDialog
        opened={confirmCycle}
        title={`Start cycle ${currentCycle + 1}`}
        confirmLabel="Start cycle"
        loading={cycle.isPending}
        error={cycle.error}
        onCancel={() => setConfirmCycle(false)}
        onConfirm={() =>
          cycle.mutate({
            method: 'POST',
            path: `/api/v1/incidents/${encodeURIComponent(incidentKey)}/cycles`,
            body: { currentCycle },
          })
        }
      >
        {open.length
          ? `The ${open.length} open task${open.length === 1 ? '' : 's'} of cycle ${currentCycle} will be carried over.`
          : `Cycle ${currentCycle} has no open tasks.`}
      </ConfirmDialog>
      <KeyboardHelp opened={help} onClose={() => setHelp(false)} shortcuts={shortcuts} />
    </Stack>
  );
}
