import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Divider,
  Group,
  Modal,
  PasswordInput,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ObservableType } from '#contracts/observables.ts';
import { Severity } from '#contracts/reports.ts';
import type { SavedWebhookSource, WebhookSource } from '#contracts/webhooks.ts';
import { api, ApiError } from '../../lib/api-client.ts';
import { DialogActions } from '../../ui/dialog-actions.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { LabelledSegmentedControl } from '../../ui/labelled-segmented-control.tsx';
import { errorsUnder, FingerprintFields } from './fingerprint-fields.tsx';
import {
  blankWebhookDraft,
  fromWebhookDraft,
  toWebhookDraft,
  webhookPath,
  type WebhookDraft,
} from './intake-forms.ts';
import { intakeKeys } from './intake-keys.ts';

const mono = { input: { fontFamily: 'var(--mantine-font-family-monospace)' } };

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
          styles={mono}
          data-autofocus
        />

        <Divider />
        <Title order={4}>Field mapping</Title>
        <Select
          label="Body format"
          data={[
            { value: 'json', label: 'JSON: an object, an array, or JSON lines' },
            { value: 'syslog', label: 'Log lines: syslog, CEF, LEEF, key=value (one event per line)' },
          ]}
          value={draft.format}
          onChange={(v) => v && set('format')(v)}
          allowDeselect={false}
        />
        <Text size="sm" c="dimmed">
          {draft.format === 'json'
            ? 'Where each report field is in a posted event, as dotted JSON paths (e.g. alert.name).'
            : 'A log line is read into message, syslog.host, syslog.timestamp…, cef.name, cef.severity…, ' +
              'leef.eventId…, fields.src… (CEF, LEEF, JSON or key=value messages) and columns.0… (CSV).'}
        </Text>
        <TextInput
          label="Title path"
          description="Several paths separated by commas are tried in order"
          required
          placeholder={draft.format === 'json' ? 'alert.name' : 'cef.name, message'}
          value={draft.title}
          onChange={(e) => set('title')(e.currentTarget.value)}
          error={Object.entries(errors).find(([k]) => k.startsWith('mapping.title'))?.[1]}
          styles={mono}
        />
        <Group grow align="flex-start">
          <TextInput
            label="Event id path (sourceRef)"
            description="A repeated id counts on the first report"
            placeholder="id"
            value={draft.sourceRef}
            onChange={(e) => set('sourceRef')(e.currentTarget.value)}
            error={errors['mapping.sourceRef']}
            styles={mono}
          />
          <TextInput
            label="Received-at path"
            description="ISO 8601 or epoch seconds/milliseconds; time of arrival when empty"
            placeholder="at"
            value={draft.receivedAt}
            onChange={(e) => set('receivedAt')(e.currentTarget.value)}
            error={errors['mapping.receivedAt']}
            styles={mono}
          />
        </Group>
        <TextInput
          label="Severity path"
          description="Optional. Without a value map, low, medium, high and critical are taken as sent"
          placeholder="alert.level"
          value={draft.severityPath}
          onChange={(e) => set('severityPath')(e.currentTarget.value)}
          error={errors['mapping.severity.path']}
          styles={mono}
        />
        {draft.severityPath.trim() && (
          <Stack gap="xs" pl="md">
            {draft.severityValues.map((row, i) => (
              <Group key={i} gap="xs" align="flex-start">
                <TextInput
                  aria-label={`Source value ${i + 1}`}
                  placeholder="P1"
                  value={row.value}
                  onChange={(e) => {
                    const value = e.currentTarget.value;
                    set('severityValues')(
                      draft.severityValues.map((r, j) => (j === i ? { ...r, value } : r)),
                    );
                  }}
                  error={errors[`mapping.severity.values.${row.value.trim()}`]}
                  styles={mono}
                />
                <Text size="sm" mt={6}>
                  means
                </Text>
                <Select
                  aria-label={`Severity for value ${i + 1}`}
                  data={Severity.options}
                  value={row.severity}
                  allowDeselect={false}
                  onChange={(v) =>
                    set('severityValues')(
                      draft.severityValues.map((r, j) =>
                        j === i ? { ...r, severity: v as typeof r.severity } : r,
                      ),
                    )
                  }
                  w={130}
                />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  mt={4}
                  aria-label={`Remove value ${i + 1}`}
                  onClick={() => set('severityValues')(draft.severityValues.filter((_, j) => j !== i))}
                >
                  ×
                </ActionIcon>
              </Group>
            ))}
            {errorsUnder(errors, 'mapping.severity.values') && (
              <Text size="xs" c="red">
                {errorsUnder(errors, 'mapping.severity.values')}
              </Text>
            )}
            <Group>
              <Button
                size="compact-sm"
                variant="light"
                onClick={() =>
                  set('severityValues')([...draft.severityValues, { value: '', severity: 'medium' }])
                }
              >
                Add severity value
              </Button>
            </Group>
          </Stack>
        )}

        <Stack gap="xs">
          <Text size="sm" fw={500}>
            Observables
          </Text>
          <Text size="xs" c="dimmed">
            A path may hold one value or an array; values that are no valid observable are skipped.
          </Text>
          {draft.observables.map((row, i) => (
            <Group key={i} gap="xs" align="flex-start">
              <Select
                aria-label={`Observable type ${i + 1}`}
                data={ObservableType.options}
                value={row.type}
                allowDeselect={false}
                onChange={(v) =>
                  set('observables')(
                    draft.observables.map((r, j) => (j === i ? { ...r, type: v as typeof r.type } : r)),
                  )
                }
                w={130}
                error={errors[`mapping.observables.${i}.type`]}
              />
              <TextInput
                aria-label={`Observable path ${i + 1}`}
                placeholder="host.ip"
                value={row.path}
                onChange={(e) => {
                  const path = e.currentTarget.value;
                  set('observables')(draft.observables.map((r, j) => (j === i ? { ...r, path } : r)));
                }}
                error={errors[`mapping.observables.${i}.path`]}
                styles={mono}
                style={{ flex: 1 }}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                mt={4}
                aria-label={`Remove observable ${i + 1}`}
                onClick={() => set('observables')(draft.observables.filter((_, j) => j !== i))}
              >
                ×
              </ActionIcon>
            </Group>
          ))}
          {errors['mapping.observables'] && (
            <Text size="xs" c="red">
              {errors['mapping.observables']}
            </Text>
          )}
          <Group>
            <Button
              size="compact-sm"
              variant="light"
              disabled={draft.observables.length >= 50}
              onClick={() => set('observables')([...draft.observables, { type: 'ipv4', path: '' }])}
            >
              Add observable
            </Button>
          </Group>
        </Stack>

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
                styles={mono}
              />
              <TextInput
                label="Prefix before the hex digest"
                description="e.g. sha256= (GitHub); may be empty"
                value={draft.prefix}
                onChange={(e) => set('prefix')(e.currentTarget.value)}
                error={errors['auth.prefix']}
                styles={mono}
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
