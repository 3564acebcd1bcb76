import { Button, Group, Modal, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Priority, type Incident } from '#contracts/incidents.ts';
import { ApiError } from '../../lib/api-client.ts';
import { ChangedElsewhereNotice, IncidentChangeFeedback } from './incident-conflict-notice.tsx';
import { useIncidentChange } from './use-incident-change.ts';

/** Overrides the matrix priority; the reason is mandatory and is recorded on the timeline. */
export function PriorityOverrideModal({ base, onClose }: { base: Incident | null; onClose: () => void }) {
  return (
    <Modal opened={base !== null} onClose={onClose} title="Override priority" size="md">
      {base && <OverrideForm base={base} onClose={onClose} />}
    </Modal>
  );
}

function OverrideForm({ base: opened, onClose }: { base: Incident; onClose: () => void }) {
  const [base, setBase] = useState(opened);
  const [priority, setPriority] = useState<Priority>(
    opened.priorityOverride?.priority ?? opened.priority ?? 'P3',
  );
  const [reason, setReason] = useState('');
  const change = useIncidentChange(opened.key, onClose);
  const errors = change.error instanceof ApiError ? change.error.fieldErrors() : {};
  const override = () => ({ action: 'update' as const, body: { priorityOverride: { priority, reason } } });
  const remove = { action: 'update' as const, body: { priorityOverride: null } };
  const [removing, setRemoving] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setRemoving(false);
    change.submit(override(), base);
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm">
          {opened.priorityOverride
            ? `Overridden to ${opened.priorityOverride.priority}: ${opened.priorityOverride.reason}`
            : `From the matrix: ${opened.priority ?? 'none yet (no severity)'}`}
        </Text>
        <Stack gap={4}>
          <Text size="sm" fw={500} id="override-priority">
            Priority
          </Text>
          <SegmentedControl
            aria-labelledby="override-priority"
            value={priority}
            onChange={(v) => setPriority(v)}
            data={Priority.options}
          />
        </Stack>
        <Textarea
          label="Reason"
          description="Why the matrix is wrong here; shown on the timeline"
          required
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={errors['priorityOverride.reason']}
          data-autofocus
        />
        <ChangedElsewhereNotice base={base} />
        <IncidentChangeFeedback
          change={change}
          onReapply={() => {
            if (change.conflict) setBase(change.conflict.current);
            change.reapply(removing ? remove : override());
          }}
          onDiscard={onClose}
        />
        <Group justify="space-between">
          {opened.priorityOverride ? (
            <Button
              variant="subtle"
              color="red"
              onClick={() => {
                setRemoving(true);
                change.submit(remove, base);
              }}
            >
              Remove override
            </Button>
          ) : (
            <span />
          )}
          <Group>
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button
              type="submit"
              loading={change.pending}
              disabled={!!change.conflict || reason.trim().length < 3}
            >
              Override
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
