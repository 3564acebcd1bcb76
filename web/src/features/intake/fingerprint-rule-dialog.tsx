import { Modal, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { FingerprintRule } from '#contracts/telemetry.ts';
import { api, ApiError } from '../../lib/api-client.ts';
import { DialogActions } from '../../ui/dialog-actions.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { FingerprintFields } from './fingerprint-fields.tsx';
import { fromFingerprintDraft, toFingerprintDraft } from './intake-forms.ts';
import { intakeKeys } from './intake-keys.ts';

/** Changes which fields group a telemetry source's repeated events, and for how long. */
export function FingerprintRuleDialog({
  rule,
  onClose,
}: {
  rule: FingerprintRule | null;
  onClose: () => void;
}) {
  return (
    <Modal
      opened={rule !== null}
      onClose={onClose}
      title={`Fingerprint rule of ${rule?.source ?? ''}`}
      size="lg"
    >
      {rule && <RuleForm key={rule.source} rule={rule} onClose={onClose} />}
    </Modal>
  );
}

function RuleForm({ rule, onClose }: { rule: FingerprintRule; onClose: () => void }) {
  const client = useQueryClient();
  const [draft, setDraft] = useState(() => toFingerprintDraft(rule));
  const save = useMutation({
    mutationFn: () =>
      api<FingerprintRule>(
        'PUT',
        `/api/v1/intake/fingerprint-rules/${encodeURIComponent(rule.source)}`,
        fromFingerprintDraft(draft),
      ),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: intakeKeys.rules });
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
        <Text size="sm" c="dimmed">
          Events of {rule.source} with the same values in these fields, each seen within the window of the
          last, count as one report. The change applies to events that arrive after it, and starts new groups.
        </Text>
        {save.error && !Object.keys(errors).length && (
          <ErrorAlert error={save.error} title="Rule not saved" />
        )}
        <FingerprintFields draft={draft} onChange={setDraft} errors={errors} />
        <DialogActions onCancel={onClose} submitLabel="Save rule" loading={save.isPending} />
      </Stack>
    </form>
  );
}
