import { Button, Group, Modal, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { Incident, Verify } from '#contracts/incidents.ts';
import { ApiError } from '../../lib/api-client.ts';
import { ChangedElsewhereNotice, IncidentChangeFeedback } from './incident-conflict-notice.tsx';
import { useIncidentChange } from './use-incident-change.ts';

type Verdict = Verify['verdict'];

const verdicts: { value: Verdict; label: string }[] = [
  { value: 'confirmed', label: 'Real incident' },
  { value: 'false_positive', label: 'False positive' },
  { value: 'not_an_incident', label: 'Not an incident' },
  { value: 'duplicate', label: 'Duplicate' },
];

/**
 * Verification, the first step of triage: confirm a real incident, or reject it with a reason, which
 * closes it. `verdict` preselects: the queue's `v` confirms, its `d` rejects as a false positive.
 */
export function VerifyModal({
  base,
  verdict = 'confirmed',
  onClose,
}: {
  base: Incident | null;
  verdict?: Verdict;
  onClose: () => void;
}) {
  return (
    <Modal opened={base !== null} onClose={onClose} title={`Verify ${base?.key ?? ''}`} size="md">
      {base && <VerifyForm base={base} initial={verdict} onClose={onClose} />}
    </Modal>
  );
}

function VerifyForm({
  base: opened,
  initial,
  onClose,
}: {
  base: Incident;
  initial: Verdict;
  onClose: () => void;
}) {
  const [base, setBase] = useState(opened);
  const [verdict, setVerdict] = useState<Verdict>(initial);
  const [reason, setReason] = useState('');
  const change = useIncidentChange(opened.key, onClose);
  const errors = change.error instanceof ApiError ? change.error.fieldErrors() : {};
  const confirming = verdict === 'confirmed';
  const input = () => ({
    action: 'verify' as const,
    body: confirming ? { verdict: 'confirmed' as const } : { verdict, reason },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    change.submit(input(), base);
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm">
          <b>{opened.key}</b> {opened.title}
        </Text>
        <SegmentedControl
          aria-label="Verdict"
          value={verdict}
          onChange={(v) => setVerdict(v)}
          data={verdicts}
        />
        {confirming ? (
          <Text size="sm">It stays in triage, verified, for classification and assignment.</Text>
        ) : (
          <Textarea
            label="Reason"
            description="Why it is not an incident to handle; it is closed with this as the summary"
            required
            autosize
            minRows={2}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={errors.reason}
            data-autofocus
          />
        )}
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
            color={confirming ? undefined : 'red'}
            loading={change.pending}
            disabled={!!change.conflict || (!confirming && reason.trim().length < 3)}
            data-autofocus={confirming || undefined}
          >
            {confirming ? 'Confirm real incident' : 'Reject and close'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
