import { Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { ClassificationStage, type Incident } from '#contracts/incidents.ts';
import { LabelledSegmentedControl } from '../../ui/labelled-segmented-control.tsx';
import { IncidentChangeForm, IncidentDialog, useIncidentForm } from './incident-change-form.tsx';
import { isOpenPhase, stageLabel } from './incident-labels.ts';
import { TaxonomySelect } from '../taxonomy/taxonomy-select.tsx';

/** The stage the guide expects next: initial at triage, resolution while handling, final at the end. */
function nextStage(incident: Incident): ClassificationStage {
  if (!isOpenPhase(incident.phase)) return 'final';
  return incident.classifications.length === 0 ? 'initial' : 'resolution';
}

/** Classifies against the taxonomy. `base` is the incident as it was when the dialog opened. */
export function ClassifyModal({ base, onClose }: { base: Incident | null; onClose: () => void }) {
  return (
    <IncidentDialog base={base} title={`Classify ${base?.key ?? ''}`} size="lg" onClose={onClose}>
      {(b) => <ClassifyForm base={b} onClose={onClose} />}
    </IncidentDialog>
  );
}

function ClassifyForm({ base: opened, onClose }: { base: Incident; onClose: () => void }) {
  const [stage, setStage] = useState<ClassificationStage>(nextStage(opened));
  const [typeId, setTypeId] = useState<string | null>(opened.classification?.typeId ?? null);
  const [note, setNote] = useState('');
  // The server assigns an unowned incident right after its initial classification: say to whom.
  const form = useIncidentForm(opened, (saved) => {
    if (!opened.lead && saved.lead)
      notifications.show({ message: `${saved.key} assigned automatically to ${saved.lead.name}` });
    onClose();
  });
  const input = () => ({ action: 'classify' as const, body: { stage, typeId: typeId ?? '', note } });
  return (
    <IncidentChangeForm
      form={form}
      input={input}
      onCancel={onClose}
      submitLabel="Save classification"
      canSubmit={!!typeId}
    >
      {opened.classification && (
        <Text size="sm">
          Now: <b>{opened.classification.typeLabel}</b> ({opened.classification.classLabel},{' '}
          {stageLabel[opened.classification.stage].toLowerCase()})
        </Text>
      )}
      <LabelledSegmentedControl
        label="Stage"
        value={stage}
        onChange={setStage}
        data={ClassificationStage.options.map((s) => ({ value: s, label: stageLabel[s] }))}
      />
      <TaxonomySelect
        label="Type"
        value={typeId}
        onChange={setTypeId}
        required
        error={form.errors.typeId}
        autoFocus
      />
      <TextInput label="Note" value={note} onChange={(e) => setNote(e.currentTarget.value)} />
      {stage === 'initial' && !opened.lead && (
        <Text size="xs" c="dimmed">
          Without a lead, it goes to the available specialist with the fewest open incidents.
        </Text>
      )}
    </IncidentChangeForm>
  );
}
