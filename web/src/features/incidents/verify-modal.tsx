import { SegmentedControl, Text } from '@mantine/core';
import { useState } from 'react';
import type { Incident, Verify } from '#contracts/incidents.ts';
import { IncidentChangeForm, IncidentDialog, useIncidentForm } from './incident-change-form.tsx';
import { ReasonField } from './reason-field.tsx';

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
    <IncidentDialog base={base} title={`Verify ${base?.key ?? ''}`} onClose={onClose}>
      {(b) => <VerifyForm base={b} initial={verdict} onClose={onClose} />}
    </IncidentDialog>
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
  const [verdict, setVerdict] = useState<Verdict>(initial);
  const [reason, setReason] = useState('');
  const form = useIncidentForm(opened, onClose);
  const confirming = verdict === 'confirmed';
  const input = () => ({
    action: 'verify' as const,
    body: confirming ? { verdict: 'confirmed' as const } : { verdict, reason },
  });
  return (
    <IncidentChangeForm
      form={form}
      input={input}
      onCancel={onClose}
      submitLabel={confirming ? 'Confirm real incident' : 'Reject and close'}
      submitColor={confirming ? undefined : 'red'}
      canSubmit={confirming || reason.trim().length >= 3}
      autoFocusSubmit={confirming}
    >
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
        <ReasonField
          description="Why it is not an incident to handle; it is closed with this as the summary"
          value={reason}
          onChange={setReason}
          error={form.errors.reason}
        />
      )}
    </IncidentChangeForm>
  );
}
