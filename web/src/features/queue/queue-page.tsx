import { Button, Group, Kbd, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import type { Incident } from '#contracts/incidents.ts';
import { useLiveEvent } from '../../lib/live-events.tsx';
import { useKeyboardShortcuts } from '../../lib/use-keyboard-shortcuts.ts';
import { useNow } from '../../lib/use-now.ts';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { KeyboardHelp } from '../../ui/keyboard-help.tsx';
import { AssignModal } from '../incidents/assign-modal.tsx';
import { ClassifyModal } from '../incidents/classify-modal.tsx';
import { CloseIncidentModal } from '../incidents/close-incident-modal.tsx';
import { IncidentChangeFeedback } from '../incidents/incident-conflict-notice.tsx';
import { fetchIncidents, incidentKeys } from '../incidents/incident-queries.ts';
import { VerifyModal } from '../incidents/verify-modal.tsx';
import { QueueCounts } from './queue-counts.tsx';
import { queueOrder } from './queue-order.ts';
import { queueShortcuts } from './queue-shortcuts.ts';
import { QueueTable } from './queue-table.tsx';
import { useAssignmentShortcuts } from './use-assignment-shortcuts.ts';

type Dialog = 'classify' | 'verify' | 'reject' | 'discard' | 'assign' | 'help';

// Both phases are asked for separately so a long tail of one cannot crowd out the other.
async function fetchQueue(breached: boolean): Promise<Incident[]> {
  const [triage, response] = await Promise.all(
    (['triage', 'response'] as const).map((phase) =>
      fetchIncidents({ phase, open: 'true', sort: 'queue', breached: breached ? 'true' : undefined }),
    ),
  );
  return queueOrder([...(triage?.items ?? []), ...(response?.items ?? [])]);
}

/** The triage screen: open incidents in triage and response, most urgent first, driven by the keyboard. */
export function QueuePage() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const now = useNow();
  const breached = params.get('breached') === 'true';
  const queue = useQuery({
    queryKey: [...incidentKeys.lists, 'queue', { breached }],
    queryFn: () => fetchQueue(breached),
    placeholderData: keepPreviousData,
  });
  useLiveEvent('incident.changed', () => void client.invalidateQueries({ queryKey: incidentKeys.lists }));
  const items = queue.data ?? [];

  // The selection lives in the URL; when its incident leaves the queue, the row now in its place is next.
  const [lastIndex, setLastIndex] = useState(0);
  const found = items.findIndex((i) => i.key === params.get('selected'));
  const index = found >= 0 ? found : Math.min(lastIndex, items.length - 1);
  const selected = items[index] ?? null;
  const select = (at: number) => {
    const row = items[Math.min(Math.max(at, 0), items.length - 1)];
    if (!row) return;
    setLastIndex(at);
    const next = new URLSearchParams(params);
    next.set('selected', row.key);
    setParams(next, { replace: true });
  };

  const [dialog, setDialog] = useState<{ kind: Dialog; base: Incident | null } | null>(null);
  const close = () => setDialog(null);
  const act = (kind: Dialog) => () => {
    if (selected) setDialog({ kind, base: selected });
  };
  const assignment = useAssignmentShortcuts(selected, act('assign'));
  const shortcuts = queueShortcuts({
    move: (by) => select(index + by),
    open: () => {
      if (selected) void navigate(`/incidents/${selected.key}`);
    },
    take: assignment.take,
    assign: assignment.assign,
    classify: act('classify'),
    verify: () => {
      if (selected?.verified)
        notifications.show({ message: `${selected.verified.by} verified ${selected.key} already` });
      else if (selected && selected.phase !== 'triage')
        notifications.show({ message: `${selected.key} is in ${selected.phase}: past verification` });
      else act('verify')();
    },
    // In triage, discarding is verification's rejection; later it is a closure as false positive.
    discard: act(selected?.phase === 'triage' ? 'reject' : 'discard'),
    help: () => setDialog({ kind: 'help', base: null }),
  });
  useKeyboardShortcuts(shortcuts, dialog === null);
  const baseOf = (kind: Dialog) => (dialog?.kind === kind ? dialog.base : null);

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={2}>Triage queue</Title>
        <Text size="xs" c="dimmed">
          <Kbd size="xs">j</Kbd> <Kbd size="xs">k</Kbd> move · <Kbd size="xs">Enter</Kbd> open ·{' '}
          <Kbd size="xs">t</Kbd> take · <Kbd size="xs">a</Kbd> assign · <Kbd size="xs">c</Kbd> classify ·{' '}
          <Kbd size="xs">v</Kbd> verify · <Kbd size="xs">d</Kbd> discard · <Kbd size="xs">?</Kbd> all
          shortcuts
        </Text>
      </Group>
      <QueueCounts
        breachedOnly={breached}
        onBreachedOnly={(on) => {
          const next = new URLSearchParams(params);
          if (on) next.set('breached', 'true');
          else next.delete('breached');
          setParams(next, { replace: true });
        }}
      />
      <ErrorAlert error={queue.error} title="Could not load the queue" />
      <IncidentChangeFeedback change={assignment.change} />
      <VisuallyHidden role="status" aria-live="polite">
        {selected ? `Selected ${selected.key}: ${selected.title}` : ''}
      </VisuallyHidden>
      {queue.isSuccess && items.length === 0 ? (
        <EmptyState
          title={breached ? 'No breached incident waits' : 'The queue is empty'}
          action={
            <Button component={Link} to="/reports" variant="light">
              Go to the reports inbox
            </Button>
          }
        >
          {breached
            ? 'No open incident in triage or response has breached its SLA. Switch off “Breached only” to see the rest.'
            : 'No open incident waits in triage or response. New reports arrive in the inbox; open an incident from one there.'}
        </EmptyState>
      ) : (
        <QueueTable
          items={items}
          selectedKey={selected?.key ?? null}
          now={now}
          onSelect={(key) => select(items.findIndex((i) => i.key === key))}
        />
      )}
      <ClassifyModal base={baseOf('classify')} onClose={close} />
      <VerifyModal base={baseOf('verify')} onClose={close} />
      <VerifyModal base={baseOf('reject')} verdict="false_positive" onClose={close} />
      <CloseIncidentModal
        base={baseOf('discard')}
        onClose={close}
        outcome="false_positive"
        title="Discard as false positive"
      />
      <AssignModal base={baseOf('assign')} onClose={close} />
      <KeyboardHelp opened={dialog?.kind === 'help'} onClose={close} shortcuts={shortcuts} />
    </Stack>
  );
}
