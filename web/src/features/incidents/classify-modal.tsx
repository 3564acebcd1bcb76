import { Button, Group, Modal, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { ClassificationStage, type Incident } from '#contracts/incidents.ts';
import { ApiError } from '../../lib/api-client.ts';
import { ChangedElsewhereNotice, IncidentChangeFeedback } from './incident-conflict-notice.tsx';
import { isOpenPhase, stageLabel } from './incident-labels.ts';
import { TaxonomySelect } from './taxonomy-select.tsx';
import { useIncidentChange } from './use-incident-change.ts';

/** The stage the guide expects next: initial at triage, resolution while handling, final at the end. */
function nextStage(incident: Incident): ClassificationStage {
  if (!isOpenPhase(incident.phase)) return 'final';
  return incident.classifications.length === 0 ? 'initial' : 'resolution';
}

/** Classifies against the taxonomy. `base` is the incident as it was when the dialog opened. */
export function ClassifyModal({ base, onClose }: { base: Incident | null; onClose: () => void }) {
  return (
    <Modal opened={base !== null} onClose={onClose} title={`Classify ${base?.key ?? ''}`} size="lg">
      {base && <ClassifyForm base={base} onClose={onClose} />}
    </Modal>
  );
}

function ClassifyForm({ base: opened, onClose }: { base: Incident; onClose: () => void }) {
  const [base, setBase] = useState(opened);
  const [stage, setStage] = useState<ClassificationStage>(nextStage(opened));
  const [typeId, setTypeId] = useState<string | null>(opened.classification?.typeId ?? null);
  const [note, setNote] = useState('');
  const change = useIncidentChange(opened.key, onClose);
  const errors = change.error instanceof ApiError ? change.error.fieldErrors() : {};
  const input = () => ({ action: 'classify' as const, body: { stage, typeId: typeId ?? '', note } });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    change.submit(input(), base);
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {opened.classification && (
          <Text size="sm">
            Now: <b>{opened.classification.typeLabel}</b> ({opened.classification.classLabel},{' '}
            {stageLabel[opened.classification.stage].toLowerCase()})
          </Text>
        )}
        <Stack gap={4}>
          <Text size="sm" fw={500} id="classify-stage">
            Stage
          </Text>
          <SegmentedControl
            aria-labelledby="classify-stage"
            value={stage}
            onChange={(v) => setStage(v)}
            data={ClassificationStage.options.map((s) => ({ value: s, label: stageLabel[s] }))}
          />
        </Stack>
        <TaxonomySelect
          label="Type"
          value={typeId}
          onChange={setTypeId}
          required
          error={errors.typeId}
          autoFocus
        />
        <TextInput label="Note" value={note} onChange={(e) => setNote(e.currentTarget.value)} />
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
          <Button type="submit" loading={change.pending} disabled={!!change.conflict || !typeId}>
            Save classification
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
