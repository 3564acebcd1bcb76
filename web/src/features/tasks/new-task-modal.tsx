import { Checkbox, Group, Modal, MultiSelect, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { PartyKind, TaskStep, type NewTask } from '#contracts/tasks.ts';
import { ApiError } from '../../lib/api-client.ts';
import { DialogActions } from '../../ui/dialog-actions.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { useCandidates } from '../incidents/assignment-candidates.ts';
import { partyLabel, stepLabel } from './task-labels.ts';
import { tasksPath, useTaskMutation } from './task-queries.ts';

/** A task for the current cycle: what, which step, for which party, who owns it, by when, approval. */
export function NewTaskModal({
  incidentKey,
  opened,
  onClose,
}: {
  incidentKey: string;
  opened: boolean;
  onClose: () => void;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title="New task" size="lg">
      {opened && <NewTaskForm incidentKey={incidentKey} onClose={onClose} />}
    </Modal>
  );
}

function NewTaskForm({ incidentKey, onClose }: { incidentKey: string; onClose: () => void }) {
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [step, setStep] = useState<TaskStep>('proposed_action');
  const [partyKind, setPartyKind] = useState<PartyKind>('constituency_contact');
  const [partyName, setPartyName] = useState('');
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const [due, setDue] = useState('');
  const [requiresApproval, setRequiresApproval] = useState(false);
  const [approverIds, setApproverIds] = useState<string[]>([]);
  const candidates = useCandidates(incidentKey);
  const people = (candidates.data ?? []).map((c) => ({ value: c.id, label: c.name }));
  const create = useTaskMutation(incidentKey, onClose);
  const errors = create.error instanceof ApiError ? create.error.fieldErrors() : {};

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body: NewTask = {
      title,
      description,
      step,
      party: { kind: partyKind, name: partyName, userId: null },
      ownerId,
      dueAt: due ? new Date(due).toISOString() : null,
      requiresApproval,
      approverIds: requiresApproval ? approverIds : [],
    };
    create.mutate({ method: 'POST', path: tasksPath(incidentKey), body });
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
        <ErrorAlert error={create.error} title="Could not add the task" />
        <DialogActions
          onCancel={onClose}
          submitLabel="Add task"
          loading={create.isPending}
          disabled={!title.trim()}
        />
      </Stack>
    </form>
  );
}
