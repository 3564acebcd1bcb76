import {
  Alert,
  Checkbox,
  Divider,
  Group,
  Modal,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { SavedWebhookSource, WebhookSource } from '#contracts/webhooks.ts';
import { api, ApiError } from '../../lib/api-client.ts';
import { DialogActions } from '../../ui/dialog-actions.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { LabelledSegmentedControl } from '../../ui/labelled-segmented-control.tsx';
import { FingerprintFields } from './fingerprint-fields.tsx';
import {
  blankWebhookDraft,
  fromWebhookDraft,
  toWebhookDraft,
  webhookPath,
  type WebhookDraft,
} from './intake-forms.ts';
import { intakeKeys } from './intake-keys.ts';
import { WebhookMappingFields } from './webhook-mapping-fields.tsx';
import { monospaceInput } from '../../ui/monospace.ts';

/** Creates a webhook source or changes one's mapping, authentication and grouping. */
export function WebhookSourceDialog({
  source,
  onClose,
  onSaved,
}: {
  /** `new`, a source to edit, or null when closed. */
  source: WebhookSource | 'new' | null;
  onClose: () => void;
  onSaved: (saved: SavedWebhookSource) => void;
}) {
  const isNew = source === 'new';
  return (
    <Modal
      opened={source !== null}
      onClose={onClose}
      title={isNew ? 'New webhook source' : `Webhook source ${source?.source ?? ''}`}
      size="xl"
    >
      {source !== null && (
        <SourceForm
          key={isNew ? 'new' : source.source}
          existing={isNew ? null : source}
          onClose={onClose}
          onSaved={onSaved}
        />
      )}
    </Modal>
  );
}

function SourceForm({
  existing,
  onClose,
  onSaved,
}: {
  existing: WebhookSource | null;
  onClose: () => void;
  onSaved: (saved: SavedWebhookSource) => void;
}) {
  const client = useQueryClient();
  const [draft, setDraft] = useState<WebhookDraft>(() =>
    existing ? toWebhookDraft(existing) : blankWebhookDraft,
  );
  const set =
    <K extends keyof WebhookDraft>(key: K) =>
    (value: WebhookDraft[K]) =>
      setDraft((d) => ({ ...d, [key]: value }));
  const save = useMutation({
    mutationFn: () =>
      api<SavedWebhookSource>(
        'PUT',
        webhookPath(encodeURIComponent(draft.source.trim())),
        fromWebhookDraft(draft),
      ),
    onSuccess: async (saved) => {
      await client.invalidateQueries({ queryKey: intakeKeys.webhooks });
      onSaved(saved);
    },
  });
  const errors = save.error instanceof ApiError ? save.error.fieldErrors() : {};
  const known = (path: string) =>
    path === 'source' ||
    path.startsWith('mapping.') ||
    path.startsWith('auth.') ||
    path.startsWith('fingerprint.');
  const unplaced = save.error && !Object.keys(errors).some(known);
  const kindChanged = existing !== null && existing.auth.kind !== draft.authKind;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!draft.source.trim()) return;
    save.mutate();
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {unplaced && <ErrorAlert error={save.error} title="Webhook source not saved" />}
        <TextInput
          label="Source name"
          description={`Lower-case letters, digits, - and _; the last part of its URL (${webhookPath('name')})`}
          required
          readOnly={existing !== null}
          value={draft.source}
          onChange={(e) => set('source')(e.currentTarget.value.toLowerCase())}
          error={errors.source}
          styles={monospaceInput}
          data-autofocus
        />

        <WebhookMappingFields draft={draft} set={set} errors={errors} />

        <Divider />
        <Title order={4}>Authentication</Title>
        <LabelledSegmentedControl
          label="The source proves its posts with"
          data={[
            { value: 'token', label: 'Bearer token' },
            { value: 'hmac', label: 'HMAC signature' },
          ]}
          value={draft.authKind}
          onChange={(v) => set('authKind')(v)}
        />
        {kindChanged && (
          <Alert color="orange" role="status">
            Changing the mode issues a new {draft.authKind === 'token' ? 'token' : 'secret'} on save; the
            current credential stops working at once.
          </Alert>
        )}
        {draft.authKind === 'hmac' && (
          <>
            <Group grow align="flex-start">
              <TextInput
                label="Signature header"
                required
                value={draft.header}
                onChange={(e) => set('header')(e.currentTarget.value)}
                error={errors['auth.header']}
                styles={monospaceInput}
              />
              <TextInput
                label="Prefix before the hex digest"
                description="e.g. sha256= (GitHub); may be empty"
                value={draft.prefix}
                onChange={(e) => set('prefix')(e.currentTarget.value)}
                error={errors['auth.prefix']}
                styles={monospaceInput}
              />
            </Group>
            <PasswordInput
              label="Shared secret"
              description={
                existing?.auth.kind === 'hmac'
                  ? 'Empty: keep the current secret'
                  : 'Empty: Firebreak generates one and shows it once'
              }
              value={draft.secret}
              onChange={(e) => set('secret')(e.currentTarget.value)}
              error={errors['auth.secret']}
              autoComplete="new-password"
            />
          </>
        )}

        <Divider />
        <Checkbox
          label="Group repeated events into one report (fingerprint)"
          checked={draft.grouped}
          onChange={(e) => set('grouped')(e.currentTarget.checked)}
        />
        {draft.grouped && (
          <FingerprintFields
            draft={draft.fingerprint}
            onChange={set('fingerprint')}
            errors={errors}
            errorPrefix="fingerprint."
          />
        )}
        {errors.fingerprint && (
          <Text size="xs" c="red">
            {errors.fingerprint}
          </Text>
        )}

        <DialogActions
          onCancel={onClose}
          submitLabel={existing ? 'Save changes' : 'Create source'}
          loading={save.isPending}
          disabled={!draft.source.trim()}
        />
      </Stack>
    </form>
  );
}
