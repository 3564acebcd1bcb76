import {
  ActionIcon,
  Button,
  Card,
  Checkbox,
  Group,
  Modal,
  MultiSelect,
  Select,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { Playbook, PlaybookInput } from '#contracts/playbooks.ts';
import { PartyKind, TaskStep } from '#contracts/tasks.ts';
import { ApiError } from '../../lib/api-client.ts';
import { DialogActions } from '../../ui/dialog-actions.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { byTypeOrClass, specialisationOptions } from '../taxonomy/taxonomy-options.ts';
import { useTaxonomy } from '../taxonomy/use-taxonomy.ts';
import { partyLabel, stepLabel } from '../tasks/task-labels.ts';
import { usePlaybookMutation } from './playbook-queries.ts';

type Item = PlaybookInput['items'][number];
const blankItem = (): Item => ({
  title: '',
  step: 'analysis',
  partyKind: 'own_team',
  requiresApproval: false,
  description: '',
});

/** Creates a playbook (`playbook` null) or replaces one; kept items keep their ids for top-up. */
export function PlaybookEditor({
  playbook,
  opened,
  onClose,
}: {
  playbook: Playbook | null;
  opened: boolean;
  onClose: () => void;
}) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={playbook ? `Edit ${playbook.name}` : 'New playbook'}
      size="xl"
    >
      {opened && <EditorForm playbook={playbook} onClose={onClose} />}
    </Modal>
  );
}

function EditorForm({ playbook, onClose }: { playbook: Playbook | null; onClose: () => void }) {
  const [name, setName] = useState(playbook?.name ?? '');
  const [description, setDescription] = useState(playbook?.description ?? '');
  const [taxonomyIds, setTaxonomyIds] = useState<string[]>(playbook?.taxonomyIds ?? []);
  const [items, setItems] = useState<Item[]>(playbook?.items ?? [blankItem()]);
  const taxonomy = useTaxonomy();
  const save = usePlaybookMutation(onClose);
  const errors = save.error instanceof ApiError ? save.error.fieldErrors() : {};
  const setItem = (i: number, patch: Partial<Item>) =>
    setItems((all) => all.map((item, j) => (j === i ? { ...item, ...patch } : item)));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = { name, description, taxonomyIds, items };
    if (playbook)
      save.mutate({
        method: 'PUT',
        path: `/api/v1/playbooks/${playbook.id}`,
        body: { ...body, version: playbook.version },
      });
    else save.mutate({ method: 'POST', path: '/api/v1/playbooks', body });
  };
  const taxonomyError = Object.entries(errors).find(([k]) => k.startsWith('taxonomyIds'))?.[1];

  return (
    <form onSubmit={submit}>
      <Stack>
        <TextInput
          label="Name"
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
          data-autofocus
        />
        <MultiSelect
          label="Applies to"
          description="Taxonomy types, or a class as the fallback for its types without a playbook of their own"
          data={specialisationOptions(taxonomy.data ?? [])}
          value={taxonomyIds}
          onChange={setTaxonomyIds}
          filter={byTypeOrClass}
          searchable
          hidePickedOptions
          error={taxonomyError}
          comboboxProps={{ withinPortal: true }}
        />
        <Textarea
          label="Description"
          autosize
          minRows={2}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
        />
        {items.map((item, i) => (
          <Card key={item.id ?? `new-${i}`} withBorder padding="xs">
            <Stack gap="xs">
              <Group align="flex-end" wrap="nowrap">
                <TextInput
                  label={`Item ${i + 1}`}
                  required
                  style={{ flex: 1 }}
                  value={item.title}
                  onChange={(e) => setItem(i, { title: e.currentTarget.value })}
                  error={errors[`items.${i}.title`]}
                />
                <ActionIcon
                  variant="subtle"
                  aria-label={`Move item ${i + 1} up`}
                  disabled={i === 0}
                  onClick={() =>
                    setItems((all) => all.map((x, j) => (j === i - 1 ? all[i]! : j === i ? all[i - 1]! : x)))
                  }
                >
                  ↑
                </ActionIcon>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={`Remove item ${i + 1}`}
                  disabled={items.length === 1}
                  onClick={() => setItems((all) => all.filter((_, j) => j !== i))}
                >
                  ×
                </ActionIcon>
              </Group>
              <Group grow>
                <Select
                  label="Step"
                  data={TaskStep.options.map((s) => ({ value: s, label: stepLabel[s] }))}
                  value={item.step}
                  onChange={(v) => setItem(i, { step: v ?? 'other' })}
                  allowDeselect={false}
                />
                <Select
                  label="Party"
                  data={PartyKind.options.map((p) => ({ value: p, label: partyLabel[p] }))}
                  value={item.partyKind}
                  onChange={(v) => setItem(i, { partyKind: v ?? 'own_team' })}
                  allowDeselect={false}
                />
              </Group>
              <Checkbox
                label="Requires approval"
                checked={item.requiresApproval}
                onChange={(e) => setItem(i, { requiresApproval: e.currentTarget.checked })}
              />
              <Textarea
                label="Description"
                autosize
                value={item.description}
                onChange={(e) => setItem(i, { description: e.currentTarget.value })}
              />
            </Stack>
          </Card>
        ))}
        <Button variant="light" onClick={() => setItems((all) => [...all, blankItem()])}>
          Add item
        </Button>
        <ErrorAlert error={save.error} title="Could not save the playbook" />
        <DialogActions
          onCancel={onClose}
          submitLabel="Save playbook"
          loading={save.isPending}
          disabled={!name.trim() || !taxonomyIds.length}
        />
      </Stack>
    </form>
  );
}
