import { Button, Group, Modal, Select, Stack, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Outcome, type Incident } from '#contracts/incidents.ts';
import { ApiError } from '../../lib/api-client.ts';
import { ChangedElsewhereNotice, IncidentChangeFeedback } from './incident-conflict-notice.tsx';
import { outcomeLabel } from './incident-labels.ts';
import { TaxonomySelect } from './taxonomy-select.tsx';
import { useIncidentChange } from './use-incident-change.ts';

/**
 * Closes an incident with outcome, closing summary and final classification. With `outcome` set it is
 * the queue's discard: the outcome is fixed and only the summary is asked for.
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
    <Modal opened={base !== null} onClose={onClose} title={title} size="lg">
      {base && <CloseForm base={base} onClose={onClose} fixedOutcome={outcome} submitLabel={title} />}
    </Modal>
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
  const [base, setBase] = useState(opened);
  const [outcome, setOutcome] = useState<Outcome | null>(fixedOutcome ?? null);
  const [summary, setSummary] = useState('');
  const [finalTypeId, setFinalTypeId] = useState<string | null>(opened.classification?.typeId ?? null);
  const change = useIncidentChange(opened.key, onClose);
  const errors = change.error instanceof ApiError ? change.error.fieldErrors() : {};
  const input = () => ({
    action: 'transition' as const,
    body: {
      to: 'closed' as const,
      closure: { outcome: outcome ?? 'resolved', summary, ...(finalTypeId ? { finalTypeId } : {}) },
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    change.submit(input(), base);
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {!fixedOutcome && (
          <Select
            label="Outcome"
            required
            data={Outcome.options.map((o) => ({ value: o, label: outcomeLabel[o] }))}
            value={outcome}
            onChange={(v) => setOutcome(v)}
            allowDeselect={false}
            error={errors['closure.outcome']}
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
          error={errors['closure.summary']}
          data-autofocus={fixedOutcome ? true : undefined}
        />
        <TaxonomySelect
          label="Final classification"
          value={finalTypeId}
          onChange={setFinalTypeId}
          required
          error={errors['closure.finalTypeId']}
        />
        <ChangedElsewhereNotice base={base} />
        <IncidentChangeFeedback
          change={change}
          onReapply={() => {
            if (change.conflict) setBase(change.conflict.current);
            change.reapply(input());
          }}
          onDiscard={onClose}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            type="submit"
            color="red"
            loading={change.pending}
            disabled={!!change.conflict || !outcome || !summary.trim() || !finalTypeId}
          >
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
