import { Select } from '@mantine/core';
import { useState } from 'react';
import type { Incident, Phase } from '#contracts/incidents.ts';
import { IncidentChangeForm, IncidentDialog, useIncidentForm } from './incident-change-form.tsx';
import { OPEN_PHASES, phaseLabel } from './incident-labels.ts';
import { ReasonField } from './reason-field.tsx';

/** Reopens a closed incident into a phase of the team's choice; the reason goes on the timeline. */
export function ReopenModal({ base, onClose }: { base: Incident | null; onClose: () => void }) {
  return (
    <IncidentDialog base={base} title={`Reopen ${base?.key ?? ''}`} onClose={onClose}>
      {(b) => <ReopenForm base={b} onClose={onClose} />}
    </IncidentDialog>
  );
}

function ReopenForm({ base: opened, onClose }: { base: Incident; onClose: () => void }) {
  const [to, setTo] = useState<Phase>('response');
  const [reason, setReason] = useState('');
  const form = useIncidentForm(opened, onClose);
  const input = () => ({ action: 'transition' as const, body: { to, reason } });
  return (
    <IncidentChangeForm
      form={form}
      input={input}
      onCancel={onClose}
      submitLabel="Reopen"
      canSubmit={!!reason.trim()}
    >
      <Select
        label="Reopen in phase"
        data={OPEN_PHASES.map((p) => ({ value: p, label: phaseLabel[p] }))}
        value={to}
        onChange={(v) => setTo(v ?? 'response')}
        allowDeselect={false}
      />
      <ReasonField
        description="Why the incident is not finished after all"
        value={reason}
        onChange={setReason}
        error={form.errors.reason}
      />
    </IncidentChangeForm>
  );
}
