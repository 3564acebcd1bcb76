import {
  Checkbox,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { CORRELATION_WINDOW_HOURS, type CorrelationRule } from '#contracts/correlation-rules.ts';
import { ObservableType } from '#contracts/observables.ts';
import { api, ApiError } from '../../lib/api-client.ts';
import { DialogActions } from '../../ui/dialog-actions.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { fromRuleDraft, toRuleDraft, type CorrelationRuleDraft } from './correlation-rule-form.ts';
import { errorsUnder } from './fingerprint-fields.tsx';
import { monospaceInput } from '../../ui/monospace.ts';

export const correlationRulesKey = ['intake', 'correlation-rules'] as const;

/** Creates a correlation rule (`rule` = 'new') or changes one at the version shown. */
export function CorrelationRuleDialog({
  rule,
  onClose,
}: {
  rule: CorrelationRule | 'new' | null;
  onClose: () => void;
}) {
  const title = rule === 'new' ? 'New correlation rule' : `Correlation rule ${rule?.name ?? ''}`;
  return (
    <Modal opened={rule !== null} onClose={onClose} title={title} size="lg">
      {rule && (
        <RuleForm
          key={rule === 'new' ? 'new' : rule.id}
          rule={rule === 'new' ? null : rule}
          onClose={onClose}
        />
      )}
    </Modal>
  );
}

function RuleForm({ rule, onClose }: { rule: CorrelationRule | null; onClose: () => void }) {
  const client = useQueryClient();
  const [draft, setDraft] = useState(() => toRuleDraft(rule));
  const set =
    <K extends keyof CorrelationRuleDraft>(key: K) =>
    (value: CorrelationRuleDraft[K]) =>
      setDraft((d) => ({ ...d, [key]: value }));
  const save = useMutation({
    mutationFn: () =>
      rule
        ? api<CorrelationRule>('PUT', `/api/v1/correlation-rules/${rule.id}`, {
            ...fromRuleDraft(draft),
            version: rule.version,
          })
        : api<CorrelationRule>('POST', '/api/v1/correlation-rules', fromRuleDraft(draft)),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: correlationRulesKey });
      onClose();
    },
  });
  const errors = save.error instanceof ApiError ? save.error.fieldErrors() : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const number = (v: string | number) => (typeof v === 'number' ? v : '');
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm" c="dimmed">
          A new report that shares observables of these types with a report of an open incident, seen within
          the window, is linked to that incident by itself. Rules apply in the order they were created, to
          reports registered after the change.
        </Text>
        {save.error && !Object.keys(errors).length && (
          <ErrorAlert error={save.error} title="Rule not saved" />
        )}
        <TextInput
          label="Name"
          required
          value={draft.name}
          onChange={(e) => set('name')(e.currentTarget.value)}
          error={errors.name}
          data-autofocus
        />
        <MultiSelect
          label="Observable types to compare"
          required
          data={ObservableType.options}
          value={draft.observableTypes}
          onChange={(v) => set('observableTypes')(v)}
          error={errorsUnder(errors, 'observableTypes')}
        />
        <Group align="flex-start" grow>
          <NumberInput
            label="Window (hours)"
            description={`From ${CORRELATION_WINDOW_HOURS.min} to ${CORRELATION_WINDOW_HOURS.max} (90 days)`}
            min={CORRELATION_WINDOW_HOURS.min}
            max={CORRELATION_WINDOW_HOURS.max}
            allowDecimal={false}
            value={draft.windowHours}
            onChange={(v) => set('windowHours')(number(v))}
            error={errors.windowHours}
          />
          <NumberInput
            label="Shared observables, at least"
            description="With one report of the incident"
            min={1}
            max={50}
            allowDecimal={false}
            value={draft.minShared}
            onChange={(v) => set('minShared')(number(v))}
            error={errors.minShared}
          />
        </Group>
        <TextInput
          label="Only reports from source"
          description="e.g. suricata, manual, or a webhook source; empty for every source"
          placeholder="every source"
          value={draft.source}
          onChange={(e) => set('source')(e.currentTarget.value)}
          error={errors.source}
          styles={monospaceInput}
        />
        <Checkbox
          label="Only within the same constituency (reports without one never match)"
          checked={draft.sameConstituency}
          onChange={(e) => set('sameConstituency')(e.currentTarget.checked)}
        />
        <Switch
          label="Enabled"
          checked={draft.enabled}
          onChange={(e) => set('enabled')(e.currentTarget.checked)}
        />
        <DialogActions
          onCancel={onClose}
          submitLabel={rule ? 'Save rule' : 'Create rule'}
          loading={save.isPending}
        />
      </Stack>
    </form>
  );
}
