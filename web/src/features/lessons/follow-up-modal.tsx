import { Modal, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  ImprovementStatus,
  RemediationStatus,
  type Improvement,
  type Remediation,
} from '#contracts/lessons.ts';
import { api, ApiError } from '../../lib/api-client.ts';
import { DialogActions } from '../../ui/dialog-actions.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { useCandidates } from '../incidents/assignment-candidates.ts';
import { usePlaybooks } from '../playbooks/playbook-queries.ts';
import { followUpsPath, lessonKeys, statusLabel, type FollowUpPath } from './lesson-queries.ts';

interface Draft {
  title: string;
  description: string;
  ownerId: string | null;
  dueDate: string;
  status: string;
  playbookId: string | null;
  procedure: string;
}

const draftOf = (item: Improvement | Remediation | null, path: FollowUpPath): Draft => ({
  title: item?.title ?? '',
  description: item?.description ?? '',
  ownerId: item?.owner?.id ?? null,
  dueDate: item?.dueDate ?? '',
  status: item?.status ?? (path === 'improvements' ? 'proposed' : 'open'),
  playbookId: item && 'playbook' in item ? (item.playbook?.id ?? null) : null,
  procedure: item && 'procedure' in item ? item.procedure : '',
});

/** Adds or edits one improvement proposal or remediation item; an edit is sent at the version loaded. */
export function FollowUpModal({
  incidentKey,
  path,
  item,
  onClose,
}: {
  incidentKey: string;
  path: FollowUpPath;
  /** null: a new one. */
  item: Improvement | Remediation | null;
  onClose: () => void;
}) {
  const improvement = path === 'improvements';
  const [draft, setDraft] = useState<Draft>(() => draftOf(item, path));
  const candidates = useCandidates(incidentKey);
  const playbooks = usePlaybooks();
  const client = useQueryClient();
  const save = useMutation({
    mutationFn: () => {
      const body = {
        ...draft,
        dueDate: draft.dueDate || null,
        ...(improvement ? {} : { playbookId: undefined, procedure: undefined }),
      };
      return item
        ? api('PATCH', `${followUpsPath(incidentKey, path)}/${item.id}`, { ...body, version: item.version })
        : api('POST', followUpsPath(incidentKey, path), body);
    },
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: lessonKeys.followUps(incidentKey, path) });
      onClose();
    },
  });
  const errors = save.error instanceof ApiError ? save.error.fieldErrors() : {};
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const owners = (candidates.data ?? []).map((c) => ({ value: c.id, label: c.name }));
  if (item?.owner && !owners.some((o) => o.value === item.owner!.id))
    owners.push({ value: item.owner.id, label: item.owner.name });
  const noun = improvement ? 'improvement proposal' : 'remediation item';

  return (
    <Modal opened onClose={onClose} title={item ? `Edit ${noun}` : `New ${noun}`} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="sm">
          <TextInput
            label="Title"
            required
            data-autofocus
            value={draft.title}
            onChange={(e) => set({ title: e.currentTarget.value })}
            error={errors.title}
          />
          <Textarea
            label={improvement ? 'Description' : 'Vulnerability and fix'}
            autosize
            minRows={2}
            value={draft.description}
            onChange={(e) => set({ description: e.currentTarget.value })}
            error={errors.description}
          />
          <Select
            label="Owner"
            clearable
            searchable
            data={owners}
            value={draft.ownerId}
            onChange={(v) => set({ ownerId: v })}
            error={errors.ownerId}
          />
          <TextInput
            label="Due date"
            type="date"
            value={draft.dueDate}
            onChange={(e) => set({ dueDate: e.currentTarget.value })}
            error={errors.dueDate}
          />
          <Select
            label="Status"
            allowDeselect={false}
            data={(improvement ? ImprovementStatus : RemediationStatus).options.map((s) => ({
              value: s,
              label: statusLabel(s),
            }))}
            value={draft.status}
            onChange={(v) => v && set({ status: v })}
          />
          {improvement && (
            <>
              <Select
                label="Playbook it changes"
                clearable
                searchable
                data={(playbooks.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
                value={draft.playbookId}
                onChange={(v) => set({ playbookId: v })}
                error={errors.playbookId}
              />
              <TextInput
                label="Procedure it changes"
                description="A name or a link"
                value={draft.procedure}
                onChange={(e) => set({ procedure: e.currentTarget.value })}
                error={errors.procedure}
              />
            </>
          )}
          {Object.keys(errors).length === 0 && <ErrorAlert error={save.error} onClose={save.reset} />}
          <DialogActions onCancel={onClose} submitLabel={item ? 'Save' : 'Add'} loading={save.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
