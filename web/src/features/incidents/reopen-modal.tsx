import { Button, Group, Modal, Select, Stack, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { Incident, Phase } from '#contracts/incidents.ts';
import { ChangedElsewhereNotice, IncidentChangeFeedback } from './incident-conflict-notice.tsx';
import { OPEN_PHASES, phaseLabel } from './incident-labels.ts';
import { useIncidentChange } from './use-incident-change.ts';

/** Reopens a closed incident into a phase of the team's choice; the reason goes on the timeline. */
export function ReopenModal({ base, onClose }: { base: Incident | null; onClose: () => void }) {
  return (
    <Modal opened={base !== null} onClose={onClose} title={`Reopen ${base?.key ?? ''}`} size="md">
      {base && <ReopenForm base={base} onClose={onClose} />}
    </Modal>
  );
}

function ReopenForm({ base: opened, onClose }: { base: Incident; onClose: () => void }) {
  const [base, setBase] = useState(opened);
  const [to, setTo] = useState<Phase>('response');
  const [reason, setReason] = useState('');
  const change = useIncidentChange(opened.key, onClose);
  const input = () => ({ action: 'transition' as const, body: { to, reason } });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    change.submit(input(), base);
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Select
          label="Reopen in phase"
          data={OPEN_PHASES.map((p) => ({ value: p, label: phaseLabel[p] }))}
          value={to}
          onChange={(v) => setTo(v ?? 'response')}
          allowDeselect={false}
        />
        <Textarea
          label="Reason"
          description="Why the incident is not finished after all"
          required
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          data-autofocus
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
          <Button type="submit" loading={change.pending} disabled={!!change.conflict || !reason.trim()}>
            Reopen
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
