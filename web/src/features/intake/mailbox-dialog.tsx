import { Checkbox, Group, Modal, NumberInput, PasswordInput, Select, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { Mailbox, MailboxInput } from '#contracts/mailboxes.ts';
import { api, ApiError } from '../../lib/api-client.ts';
import { DialogActions } from '../../ui/dialog-actions.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { intakeKeys } from './intake-keys.ts';

type Draft = Omit<MailboxInput, 'password'> & { password: string };

const blank: Draft = {
  name: '',
  host: '',
  port: 993,
  tls: 'implicit',
  username: '',
  password: '',
  folder: 'INBOX',
  processedFolder: 'Processed',
  enabled: true,
};

const TLS = [
  { value: 'implicit', label: 'TLS (port 993)' },
  { value: 'starttls', label: 'STARTTLS (port 143), required' },
  { value: 'none', label: 'None (loopback only)' },
];

/** Adds an IMAP mailbox or changes one; the password is write-only and kept when left empty. */
export function MailboxDialog({
  mailbox,
  onClose,
}: {
  mailbox: Mailbox | 'new' | null;
  onClose: () => void;
}) {
  const isNew = mailbox === 'new';
  return (
    <Modal
      opened={mailbox !== null}
      onClose={onClose}
      title={isNew ? 'New mailbox' : `Mailbox ${mailbox?.name ?? ''}`}
      size="lg"
    >
      {mailbox !== null && (
        <MailboxForm key={isNew ? 'new' : mailbox.id} existing={isNew ? null : mailbox} onClose={onClose} />
      )}
    </Modal>
  );
}

function MailboxForm({ existing, onClose }: { existing: Mailbox | null; onClose: () => void }) {
  const client = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => (existing ? { ...existing, password: '' } : blank));
  const set =
    <K extends keyof Draft>(key: K) =>
    (value: Draft[K]) =>
      setDraft((d) => ({ ...d, [key]: value }));
  const save = useMutation({
    mutationFn: () => {
      const { password, ...rest } = draft;
      const body: MailboxInput = { ...rest, ...(password ? { password } : {}) };
      return existing
        ? api<Mailbox>('PUT', `/api/v1/intake/mailboxes/${existing.id}`, body)
        : api<Mailbox>('POST', '/api/v1/intake/mailboxes', body);
    },
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: intakeKeys.mailboxes });
      onClose();
    },
  });
  const errors = save.error instanceof ApiError ? save.error.fieldErrors() : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <ErrorAlert error={save.error} title="Mailbox not saved" />
        <TextInput
          label="Name"
          required
          value={draft.name}
          onChange={(e) => set('name')(e.currentTarget.value)}
          error={errors.name}
          data-autofocus
        />
        <Group grow align="flex-start">
          <TextInput
            label="IMAP server"
            required
            value={draft.host}
            onChange={(e) => set('host')(e.currentTarget.value)}
            error={errors.host}
          />
          <NumberInput
            label="Port"
            required
            min={1}
            max={65535}
            value={draft.port}
            onChange={(v) => set('port')(Number(v))}
            error={errors.port}
          />
        </Group>
        <Select
          label="Encryption"
          data={TLS}
          value={draft.tls}
          allowDeselect={false}
          onChange={(v) => v && set('tls')(v as Draft['tls'])}
          error={errors.tls}
        />
        <Group grow align="flex-start">
          <TextInput
            label="User name"
            required
            value={draft.username}
            onChange={(e) => set('username')(e.currentTarget.value)}
            error={errors.username}
          />
          <PasswordInput
            label="Password"
            required={!existing}
            description={existing ? 'Leave empty to keep the stored one' : 'Stored encrypted'}
            value={draft.password}
            onChange={(e) => set('password')(e.currentTarget.value)}
            error={errors.password}
          />
        </Group>
        <Group grow align="flex-start">
          <TextInput
            label="Folder to read"
            value={draft.folder}
            onChange={(e) => set('folder')(e.currentTarget.value)}
            error={errors.folder}
          />
          <TextInput
            label="Move processed mail to"
            value={draft.processedFolder}
            onChange={(e) => set('processedFolder')(e.currentTarget.value)}
            error={errors.processedFolder}
          />
        </Group>
        <Checkbox
          label="Read this mailbox every minute"
          checked={draft.enabled}
          onChange={(e) => set('enabled')(e.currentTarget.checked)}
        />
        <DialogActions
          onCancel={onClose}
          submitLabel={existing ? 'Save' : 'Add mailbox'}
          loading={save.isPending}
        />
      </Stack>
    </form>
  );
}
