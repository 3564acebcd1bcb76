import { Loader, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { Incident } from '#contracts/incidents.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { useCandidates } from './assignment-candidates.ts';
import { CandidateTable, type Team } from './candidate-table.tsx';
import { IncidentChangeForm, IncidentDialog, useIncidentForm } from './incident-change-form.tsx';
import type { IncidentChange } from './use-incident-change.ts';

/** Field errors of a refused assignment (`leadId`, `handlerIds.2`) by the user id they name. */
function problemsByPerson(errors: Record<string, string>, sent: IncidentChange | null) {
  const out: Record<string, string> = {};
  if (sent?.action !== 'assign') return out;
  for (const [path, message] of Object.entries(errors)) {
    const id = path === 'leadId' ? sent.body.leadId : sent.body.handlerIds?.[Number(path.split('.')[1])];
    if (id) out[id] = message;
  }
  return out;
}

/** Names the lead and further handlers (leads and administrators). */
export function AssignModal({ base, onClose }: { base: Incident | null; onClose: () => void }) {
  return (
    <IncidentDialog base={base} title={`Assign ${base?.key ?? ''}`} size="xl" onClose={onClose}>
      {(b) => <AssignForm base={b} onClose={onClose} />}
    </IncidentDialog>
  );
}

function AssignForm({ base: opened, onClose }: { base: Incident; onClose: () => void }) {
  const candidates = useCandidates(opened.key);
  const [team, setTeam] = useState<Team>({
    lead: opened.lead?.id ?? null,
    handlers: new Set(opened.handlers.map((h) => h.id)),
  });
  const form = useIncidentForm(opened, (saved) => {
    notifications.show({
      message: saved.lead ? `${saved.key} is led by ${saved.lead.name}` : `${saved.key} has no lead now`,
    });
    onClose();
  });
  const input = (): IncidentChange => ({
    action: 'assign',
    body: { leadId: team.lead, handlerIds: [...team.handlers].filter((id) => id !== team.lead) },
  });
  const classification = opened.classification;
  return (
    <IncidentChangeForm
      form={form}
      input={input}
      onCancel={onClose}
      submitLabel="Save assignment"
      canSubmit={candidates.isSuccess}
    >
      <Text size="sm" c="dimmed">
        {classification
          ? `Specialists are those whose specialisations cover ${classification.typeLabel} (${classification.classLabel}).`
          : 'Not classified yet: nobody counts as a specialist until it is.'}{' '}
        Only people who may see this incident (constituency and TLP) are listed.
      </Text>
      <ErrorAlert error={candidates.error} title="Could not load who may be assigned" />
      {candidates.isPending && <Loader size="sm" aria-label="Loading candidates" />}
      {candidates.data && (
        <CandidateTable
          items={candidates.data}
          team={team}
          problems={problemsByPerson(form.errors, form.change.sent)}
          onChange={setTeam}
        />
      )}
    </IncidentChangeForm>
  );
}
