import { Modal, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { Task, VerificationMethod } from '#contracts/tasks.ts';
import { ApiError } from '../../lib/api-client.ts';
import { DialogActions } from '../../ui/dialog-actions.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { tasksPath, useTaskMutation } from './task-queries.ts';

export type TaskAction = 'approve' | 'reject' | 'verify' | 'reopen' | 'cancel';

const titles: Record<TaskAction, string> = {
  approve: 'Approve task',
  reject: 'Reject task',
  verify: 'Verify task',
  reopen: 'Reopen task',
  cancel: 'Cancel task',
};

/** The task actions that need words: an approval decision or a reason, or how the result was verified. */
export function TaskActionModal({
  incidentKey,
  task,
  action,
  onClose,
}: {
  incidentKey: string;
  task: Task | null;
  action: TaskAction | null;
  onClose: () => void;
}) {
  return (
    <Modal opened={!!task && !!action} onClose={onClose} title={action ? titles[action] : ''}>
      {task && action && (
        <ActionForm incidentKey={incidentKey} task={task} action={action} onClose={onClose} />
      )}
    </Modal>
  );
}

function ActionForm({
  incidentKey,
  task,
  action,
  onClose,
}: {
  incidentKey: string;
  task: Task;
  action: TaskAction;
  onClose: () => void;
}) {
  const [text, setText] = useState('');
  const [method, setMethod] = useState<VerificationMethod>('technical_check');
  const change = useTaskMutation(incidentKey, onClose);
  const errors = change.error instanceof ApiError ? change.error.fieldErrors() : {};
  const path = `${tasksPath(incidentKey)}/${encodeURIComponent(task.id)}`;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const version = task.version;
    if (action === 'approve' || action === 'reject')
      change.mutate({
        method: 'POST',
        path: `${path}/approval`,
        body: { version, decision: action === 'approve' ? 'approved' : 'rejected', reason: text },
      });
    else if (action === 'verify')
      change.mutate({
        method: 'POST',
        path: `${path}/transition`,
        body: { version, to: 'verified', verification: { method, note: text } },
      });
    else
      change.mutate({
        method: 'POST',
        path: `${path}/transition`,
        body: { version, to: action === 'reopen' ? 'in_progress' : 'cancelled', reason: text },
      });
  };

  const label = action === 'verify' ? 'How it was verified' : 'Reason';
  return (
    <form onSubmit={submit}>
      <Stack>
        <Text size="sm" fw={600}>
          {task.title}
        </Text>
        {action === 'verify' && (
          <SegmentedControl
            aria-label="Verification method"
            value={method}
            onChange={(v) => setMethod(v)}
            data={[
              { value: 'technical_check', label: 'Technical check' },
              { value: 'party_confirmation', label: 'Confirmed by the party' },
            ]}
          />
        )}
        <Textarea
          label={label}
          required
          autosize
          minRows={2}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          error={errors.reason ?? errors['verification.note']}
          data-autofocus
        />
        <ErrorAlert error={change.error} />
        <DialogActions
          onCancel={onClose}
          submitLabel={titles[action].split(' ')[0]!}
          color={action === 'reject' || action === 'cancel' ? 'red' : undefined}
          loading={change.isPending}
          disabled={!text.trim()}
        />
      </Stack>
    </form>
  );
}
