import { Select, Textarea } from '@mantine/core';
import { useState } from 'react';
import { ApiError } from '../../lib/api-client.ts';
import { Outcome, type Incident } from '#contracts/incidents.ts';
import { IncidentChangeForm, IncidentDialog, useIncidentForm } from './incident-change-form.tsx';
import { outcomeLabel } from './incident-labels.ts';
import { TaxonomySelect } from '../taxonomy/taxonomy-select.tsx';

/**
 * Closes an incident with outcome, closing summary and final classification: the queue's discard, with
 * the outcome fixed (the incident page closes through the closure wizard).
 */
export function CloseIncidentModal({
  base,
  onClose,
  outcome,
  title = 'Close incident',
}: {
  base: Incident | null;
  onClose: () => void;
  outcome?: Outcome;
  title?: string;
}) {
  return (
    <IncidentDialog base={base} title={title} size="lg" onClose={onClose}>
      {(b) => <CloseForm base={b} onClose={onClose} fixedOutcome={outcome} submitLabel={title} />}
    </IncidentDialog>
  );
}

function CloseForm({
  base: opened,
  onClose,
  fixedOutcome,
  submitLabel,
}: {
  base: Incident;
  onClose: () => void;
  fixedOutcome: Outcome | undefined;
  submitLabel: string;
}) {
  const [outcome, setOutcome] = useState<Outcome | null>(fixedOutcome ?? null);
  const [summary, setSummary] = useState('');
  const [finalTypeId, setFinalTypeId] = useState<string | null>(opened.classification?.typeId ?? null);
  const [openItemsReason, setOpenItemsReason] = useState('');
  const form = useIncidentForm(opened, onClose);
  // The closure check refused: tasks or evidence are open, and a reason lets it close anyway.
  const [openItems, setOpenItems] = useState(false);
  if (!openItems && form.change.error instanceof ApiError && form.change.error.problem.code === 'open_items')
    setOpenItems(true);
  const input = () => ({
    action: 'transition' as const,
    body: {
      to: 'closed' as const,
      closure: {
        outcome: outcome ?? 'resolved',
        summary,
        ...(finalTypeId ? { finalTypeId } : {}),
        ...(openItems ? { openItemsReason } : {}),
      },
    },
  });
  return (
    <IncidentChangeForm
      form={form}
      input={input}
      onCancel={onClose}
      submitLabel={submitLabel}
      submitColor="red"
      canSubmit={!!outcome && !!summary.trim() && !!finalTypeId && (!openItems || !!openItemsReason.trim())}
    >
      {!fixedOutcome && (
        <Select
          label="Outcome"
          required
          data={Outcome.options.map((o) => ({ value: o, label: outcomeLabel[o] }))}
          value={outcome}
          onChange={(v) => setOutcome(v)}
          allowDeselect={false}
          error={form.errors['closure.outcome']}
          data-autofocus
        />
      )}
      <Textarea
        label="Closing summary"
        description="What happened and what was done, for the final report"
        required
        autosize
        minRows={3}
        maxRows={10}
        value={summary}
        onChange={(e) => setSummary(e.currentTarget.value)}
        error={form.errors['closure.summary']}
        data-autofocus={fixedOutcome ? true : undefined}
      />
      <TaxonomySelect
        label="Final classification"
        value={finalTypeId}
        onChange={setFinalTypeId}
        required
        error={form.errors['closure.finalTypeId']}
      />
      {openItems && (
        <Textarea
          label="Reason to close anyway"
          description="Goes on the timeline with the tasks and evidence left open"
          required
          autosize
          minRows={2}
          value={openItemsReason}
          onChange={(e) => setOpenItemsReason(e.currentTarget.value)}
        />
      )}
    </IncidentChangeForm>
  );
}
