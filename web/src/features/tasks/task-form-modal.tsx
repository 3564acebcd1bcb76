import { Checkbox, Group, Modal, MultiSelect, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { PartyKind, TaskStep, type NewTask, type Task, type UpdateTask } from '#contracts/tasks.ts';
import { ApiError } from '../../lib/api-client.ts';
import { DialogActions } from '../../ui/dialog-actions.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { useCandidates } from '../incidents/assignment-candidates.ts';
import { partyLabel, stepLabel } from './task-labels.ts';
import { tasksPath, useTaskMutation } from './task-queries.ts';

/** `datetime-local` wants local wall time without a zone. */
function localInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/**
 * A new task for the current cycle, or an edit of `task`: what, which step, for which party, who owns it,
 * by when, approval. An edit carries the version it started from, so a colleague's change is never overwritten.
 */
export function TaskFormModal({
  incidentKey,
  task,
  opened,
  onClose,
}: {
  incidentKey: string;
  task?: Task | null;
  opened: boolean;
  onClose: () => void;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title={task ? 'Edit task' : 'New task'} size="lg">
      {opened && <TaskForm incidentKey={incidentKey} task={task ?? null} onClose={onClose} />}
    </Modal>
  );
}

function TaskForm({
  incidentKey,
  task,
  onClose,
}: {
  incidentKey: string;
  task: Task | null;
  onClose: () => void;
}) {
  const [title, setTitle] = useState(task?.title ?? '');
  const [description, setDescription] = useState(task?.description ?? '');
  const [step, setStep] = useState<TaskStep>(task?.step ?? 'proposed_action');
  const [partyKind, setPartyKind] = useState<PartyKind>(task?.party.kind ?? 'constituency_contact');
  const [partyName, setPartyName] = useState(task?.party.name ?? '');
  const [ownerId, setOwnerId] = useState<string | null>(task?.owner?.id ?? null);
  const [due, setDue] = useState(localInput(task?.dueAt ?? null));
  const [requiresApproval, setRequiresApproval] = useState(task?.requiresApproval ?? false);
  const [approverIds, setApproverIds] = useState<string[]>(task?.approverIds ?? []);
  const candidates = useCandidates(incidentKey);
  const people = (candidates.data ?? []).map((c) => ({ value: c.id, label: c.name }));
  const save = useTaskMutation(incidentKey, onClose);
  const errors = save.error instanceof ApiError ? save.error.fieldErrors() : {};

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const fields = {
      title,
      description,
      step,
      party: { kind: partyKind, name: partyName, userId: task?.party.userId ?? null },
      ownerId,
      dueAt: due ? new Date(due).toISOString() : null,
      requiresApproval,
      approverIds: requiresApproval ? approverIds : [],
    };
    if (task) {
      const body: UpdateTask = { version: task.version, ...fields };
      save.mutate({ method: 'PATCH', path: `${tasksPath(incidentKey)}/${task.id}`, body });
    } else {
      const body: NewTask = fields;
      save.mutate({ method: 'POST', path: tasksPath(incidentKey), body });
    }
  };

  return (
    <form onSubmit={submit}>
      <Stack>
        <TextInput
          label="Task"
          required
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={errors.title}
          data-autofocus
        />
        <Group grow>
          <Select
            label="Step"
            data={TaskStep.options.map((s) => ({ value: s, label: stepLabel[s] }))}
            value={step}
            onChange={(v) => setStep(v ?? 'other')}
            allowDeselect={false}
          />
          <Select
            label="Party"
            data={PartyKind.options.map((p) => ({ value: p, label: partyLabel[p] }))}
            value={partyKind}
            onChange={(v) => setPartyKind(v ?? 'own_team')}
            allowDeselect={false}
          />
        </Group>
        <TextInput
          label="Party name"
          description="The ISP, CERT, vendor or contact, as you would address them"
          value={partyName}
          onChange={(e) => setPartyName(e.currentTarget.value)}
          error={errors['party.name']}
        />
        <Group grow>
          <Select
            label="Owner"
            data={people}
            value={ownerId}
            onChange={setOwnerId}
            clearable
            searchable
            error={errors.ownerId}
          />
          <TextInput
            label="Due"
            type="datetime-local"
            value={due}
            onChange={(e) => setDue(e.currentTarget.value)}
            error={errors.dueAt}
          />
        </Group>
        <Textarea
          label="Description"
          autosize
          minRows={2}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
        />
        <Checkbox
          label="Requires approval before it is performed"
          checked={requiresApproval}
          onChange={(e) => setRequiresApproval(e.currentTarget.checked)}
        />
        {requiresApproval && (
          <MultiSelect
            label="Designated approvers"
            description="Besides leads and administrators"
            data={people}
            value={approverIds}
            onChange={setApproverIds}
            searchable
          />
        )}
        <ErrorAlert error={save.error} title={task ? 'Could not save the task' : 'Could not add the task'} />
        <DialogActions
          onCancel={onClose}
          submitLabel={task ? 'Save task' : 'Add task'}
          loading={save.isPending}
          disabled={!title.trim()}
        />
      </Stack>
    </form>
  );
}
