import { Button, Group, List, Modal, Stack, Stepper, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ClosureCheck, ClosureInput, FinalNoteDraft, FinalParty } from '#contracts/closure.ts';
import type { Incident } from '#contracts/incidents.ts';
import { api, ApiError } from '../../lib/api-client.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import {
  DraftEditor,
  OpenItemsStep,
  OutcomeStep,
  PartiesStep,
  type ChosenParty,
  type ClosureFields,
} from './closure-wizard-steps.tsx';
import { incidentKeys } from './incident-queries.ts';
import { outcomeLabel } from './incident-labels.ts';

/**
 * Closing an incident (ENISA guide 5.1): outcome and final classification → what is still open →
 * final information to the parties involved, previewed and editable → confirm, which closes and sends.
 */
export function ClosureWizard({ base, onClose }: { base: Incident | null; onClose: () => void }) {
  return (
    <Modal opened={base !== null} onClose={onClose} title="Close incident" size="xl">
      {base && <Wizard incident={base} onClose={onClose} />}
    </Modal>
  );
}

function Wizard({ incident, onClose }: { incident: Incident; onClose: () => void }) {
  const path = `/api/v1/incidents/${encodeURIComponent(incident.key)}/closure`;
  const client = useQueryClient();
  const [step, setStep] = useState(0);
  const [fields, setFields] = useState<ClosureFields>({
    outcome: null,
    summary: '',
    finalTypeId: incident.classification?.typeId ?? null,
  });
  const [reason, setReason] = useState('');
  // The suggestion until the handler changes it.
  const [edited, setParties] = useState<ChosenParty[] | null>(null);
  const [extra, setExtra] = useState('');
  const [recommendations, setRecommendations] = useState('');
  const [drafts, setDrafts] = useState<FinalNoteDraft[] | null>(null);

  const check = useQuery({
    queryKey: [...incidentKeys.one(incident.key), 'closure-check'],
    queryFn: () => api<ClosureCheck>('GET', `${path}/check`),
    enabled: step >= 1,
  });
  const suggested = useQuery({
    queryKey: [...incidentKeys.one(incident.key), 'closure-parties'],
    queryFn: () => api<FinalParty[]>('GET', `${path}/parties`),
  });
  const parties = edited ?? suggested.data?.map((p) => ({ ...p, chosen: true })) ?? null;

  const closure = (): ClosureInput => ({
    outcome: fields.outcome ?? 'resolved',
    summary: fields.summary,
    ...(fields.finalTypeId ? { finalTypeId: fields.finalTypeId } : {}),
    ...(check.data && !check.data.clear ? { openItemsReason: reason } : {}),
  });
  const chosen = (parties ?? []).filter((p) => p.chosen);
  const draft = useMutation({
    mutationFn: () =>
      api<FinalNoteDraft[]>('POST', `${path}/drafts`, {
        closure: closure(),
        recommendations,
        parties: chosen.map((p) => ({ address: p.address, audience: p.audience })),
      }),
    onSuccess: setDrafts,
  });
  const close = useMutation({
    mutationFn: () =>
      api<Incident>('POST', path, {
        version: incident.version,
        closure: closure(),
        notes: (drafts ?? []).map(({ to, audience, subject, body }) => ({ to, audience, subject, body })),
      }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: incidentKeys.one(incident.key) });
      await client.invalidateQueries({ queryKey: incidentKeys.lists });
      onClose();
    },
  });
  const errors = close.error instanceof ApiError ? close.error.fieldErrors() : {};

  const changeParties = (p: ChosenParty[]) => {
    setParties(p);
    setDrafts(null);
  };
  const addExtra = () => {
    const address = extra.trim();
    if ((parties ?? []).some((p) => p.address.toLowerCase() === address.toLowerCase())) return;
    changeParties([
      ...(parties ?? []),
      { address, name: '', audience: 'technical', source: 'communication', hasKey: false, chosen: true },
    ]);
    setExtra('');
  };

  const canNext = [
    !!fields.outcome && !!fields.summary.trim() && !!fields.finalTypeId,
    !!check.data && (check.data.clear || !!reason.trim()),
    chosen.length === 0 || (drafts !== null && drafts.length === chosen.length),
  ][step];

  return (
    <Stack>
      <Stepper active={step} onStepClick={(s) => s < step && setStep(s)} size="sm">
        <Stepper.Step label="Outcome">
          <OutcomeStep value={fields} onChange={setFields} errors={errors} />
        </Stepper.Step>
        <Stepper.Step label="Open items">
          {check.data ? (
            <OpenItemsStep check={check.data} reason={reason} onReason={setReason} />
          ) : (
            <ErrorAlert error={check.error} />
          )}
        </Stepper.Step>
        <Stepper.Step label="Final information">
          <Stack>
            <ErrorAlert error={suggested.error} />
            {parties && (
              <PartiesStep
                parties={parties}
                onParties={changeParties}
                recommendations={recommendations}
                onRecommendations={(v) => {
                  setRecommendations(v);
                  setDrafts(null);
                }}
                extra={extra}
                onExtra={setExtra}
                onAddExtra={addExtra}
              />
            )}
            <Group>
              <Button
                variant="light"
                onClick={() => draft.mutate()}
                loading={draft.isPending}
                disabled={!chosen.length}
              >
                Draft notes
              </Button>
            </Group>
            <ErrorAlert error={draft.error} />
            {drafts && <DraftEditor drafts={drafts} onDrafts={setDrafts} />}
          </Stack>
        </Stepper.Step>
        <Stepper.Step label="Confirm">
          <Confirm fields={fields} check={check.data} reason={reason} drafts={drafts ?? []} />
        </Stepper.Step>
      </Stepper>
      <ErrorAlert error={close.error} />
      <Group justify="space-between">
        <Button variant="default" onClick={step ? () => setStep(step - 1) : onClose}>
          {step ? 'Back' : 'Cancel'}
        </Button>
        {step < 3 ? (
          <Button onClick={() => setStep(step + 1)} disabled={!canNext}>
            Next
          </Button>
        ) : (
          <Button color="red" onClick={() => close.mutate()} loading={close.isPending}>
            Close incident
          </Button>
        )}
      </Group>
    </Stack>
  );
}

function Confirm({
  fields,
  check,
  reason,
  drafts,
}: {
  fields: ClosureFields;
  check: ClosureCheck | undefined;
  reason: string;
  drafts: FinalNoteDraft[];
}) {
  return (
    <List size="sm" spacing={4}>
      <List.Item>Outcome: {fields.outcome ? outcomeLabel[fields.outcome] : ''}</List.Item>
      <List.Item>Final classification: {fields.finalTypeId}</List.Item>
      {check && !check.clear && <List.Item>Closed with open items: {reason}</List.Item>}
      <List.Item>
        {drafts.length ? (
          <>Final notes to {drafts.map((d) => d.to).join(', ')}</>
        ) : (
          <Text span c="dimmed">
            No final notes
          </Text>
        )}
      </List.Item>
    </List>
  );
}
