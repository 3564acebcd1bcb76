import { FileInput, Modal, Select, Stack, TextInput, Textarea, Group } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { EVIDENCE_FILE_PART, type EvidenceItem } from '#contracts/evidence.ts';
import { Tlp } from '#contracts/identity.ts';
import { api, ApiError } from '../../lib/api-client.ts';
import { DialogActions } from '../../ui/dialog-actions.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { evidenceKeys } from './evidence-queries.ts';

/** `datetime-local` wants local wall time without a zone. */
const localNow = () => {
  const d = new Date();
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset(), 0, 0);
  return d.toISOString().slice(0, 16);
};

/** "Add evidence": the file and its acquisition record (who, when, from where, how, with which tool). */
export function EvidenceUploadDialog({
  incidentKey,
  acquiredBy,
  opened,
  onClose,
}: {
  incidentKey: string;
  acquiredBy: string;
  opened: boolean;
  onClose: () => void;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title={`Add evidence to ${incidentKey}`} size="lg">
      {opened && <UploadForm incidentKey={incidentKey} acquiredBy={acquiredBy} onClose={onClose} />}
    </Modal>
  );
}

function UploadForm({
  incidentKey,
  acquiredBy,
  onClose,
}: {
  incidentKey: string;
  acquiredBy: string;
  onClose: () => void;
}) {
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [fields, setFields] = useState({
    acquiredBy,
    acquiredAt: localNow(),
    source: '',
    method: '',
    tool: '',
    toolVersion: '',
    description: '',
    tlp: 'amber',
  });
  const set = (name: keyof typeof fields) => (value: string) => setFields((f) => ({ ...f, [name]: value }));
  const upload = useMutation({
    mutationFn: () => {
      const form = new FormData();
      // The acquisition fields first: the server validates them before it reads the file.
      for (const [name, value] of Object.entries(fields)) {
        if (name === 'acquiredAt') form.append(name, value ? new Date(value).toISOString() : '');
        else if (value !== '' || name !== 'toolVersion') form.append(name, value);
      }
      form.append(EVIDENCE_FILE_PART, file!);
      return api<EvidenceItem>('POST', `/api/v1/incidents/${encodeURIComponent(incidentKey)}/evidence`, form);
    },
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: evidenceKeys.list(incidentKey) });
      onClose();
    },
  });
  const errors = upload.error instanceof ApiError ? upload.error.fieldErrors() : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (file) upload.mutate();
  };
  const text = (
    name: keyof typeof fields,
    label: string,
    extra: { required?: boolean; placeholder?: string } = {},
  ) => (
    <TextInput
      label={label}
      value={fields[name]}
      onChange={(e) => set(name)(e.currentTarget.value)}
      error={errors[name]}
      {...extra}
    />
  );
  return (
    <form onSubmit={submit} aria-label="Add evidence">
      <Stack gap="sm">
        <ErrorAlert error={upload.error} title="The evidence was not added" />
        <FileInput
          label="File"
          required
          value={file}
          onChange={setFile}
          placeholder="Choose a file"
          clearable
        />
        <Group grow>
          {text('acquiredBy', 'Acquired by', { required: true })}
          <TextInput
            type="datetime-local"
            label="Acquired at"
            required
            value={fields.acquiredAt}
            onChange={(e) => set('acquiredAt')(e.currentTarget.value)}
            error={errors.acquiredAt}
          />
        </Group>
        {text('source', 'From (system or host)', { required: true, placeholder: 'web-03 (198.51.100.23)' })}
        {text('method', 'Method', {
          required: true,
          placeholder: 'Volatile memory capture before power-off',
        })}
        <Group grow>
          {text('tool', 'Tool', { required: true, placeholder: 'LiME' })}
          {text('toolVersion', 'Tool version')}
        </Group>
        <Textarea
          label="Description"
          autosize
          minRows={2}
          value={fields.description}
          onChange={(e) => set('description')(e.currentTarget.value)}
          error={errors.description}
        />
        <Select
          label="TLP"
          data={Tlp.options}
          value={fields.tlp}
          onChange={(v) => set('tlp')(v ?? 'amber')}
          allowDeselect={false}
          error={errors.tlp}
        />
        <DialogActions onCancel={onClose} submitLabel="Upload" loading={upload.isPending} disabled={!file} />
      </Stack>
    </form>
  );
}
