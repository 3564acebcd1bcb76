import { Badge, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { Incident } from '#contracts/incidents.ts';
import { AssignModal } from './assign-modal.tsx';
import { ClassifyModal } from './classify-modal.tsx';
import { ClosureWizard } from './closure-wizard.tsx';
import { IncidentChangeFeedback } from './incident-conflict-notice.tsx';
import { IncidentFacts } from './incident-facts.tsx';
import { IncidentFieldEditor } from './incident-field-editor.tsx';
import { isOpenPhase, phaseLabel } from './incident-labels.ts';
import { IncidentMoreMenu } from './incident-more-menu.tsx';
import { IncidentReportMenu } from '../reporting/incident-report-menu.tsx';
import { LegalHoldBadge, LegalHoldModal } from '../retention/legal-hold.tsx';
import { MarkingEditor } from './marking-editor.tsx';
import { MergeIncidentsModal } from './merge-incidents-modal.tsx';
import { PhaseActions } from './phase-actions.tsx';
import { PhaseStepper } from './phase-stepper.tsx';
import { PriorityOverrideModal } from './priority-override-modal.tsx';
import { RelateIncidentModal } from './relate-incident-modal.tsx';
import { ReopenModal } from './reopen-modal.tsx';
import { useIncidentChange } from './use-incident-change.ts';
import { VerifyModal } from './verify-modal.tsx';

type Dialog =
  'verify' | 'classify' | 'close' | 'reopen' | 'priority' | 'assign' | 'merge' | 'relate' | 'hold';

/** Key, marking, title, phase and the triage facts, with every action on the incident. */
export function IncidentHeader({ incident }: { incident: Incident }) {
  // One handle for the immediate changes (severity, marking, phase): one place for their conflicts.
  const change = useIncidentChange();
  // A dialog keeps the incident as it was when opened: its input is made on that version.
  const [dialog, setDialog] = useState<{ kind: Dialog; base: Incident } | null>(null);
  const open = (kind: Dialog) => () => setDialog({ kind, base: incident });
  const close = () => setDialog(null);
  const baseOf = (kind: Dialog) => (dialog?.kind === kind ? dialog.base : null);

  return (
    <Stack gap="xs">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Group gap="sm" wrap="nowrap">
          <Text ff="monospace" fw={600} size="sm">
            {incident.key}
          </Text>
          <MarkingEditor incident={incident} change={change} />
          <Badge
            variant={isOpenPhase(incident.phase) ? 'light' : 'outline'}
            color={isOpenPhase(incident.phase) ? 'indigo' : 'gray'}
            radius="xs"
            tt="none"
          >
            {phaseLabel[incident.phase]}
          </Badge>
          <LegalHoldBadge incidentKey={incident.key} />
        </Group>
        {/* A destroyed incident is a husk kept for its key: no action applies to it any more. */}
        {!incident.destroyedAt && (
          <Group gap="xs" wrap="nowrap">
            <PhaseActions
              incident={incident}
              change={change}
              onVerify={open('verify')}
              onClassify={open('classify')}
              onCloseIncident={open('close')}
              onReopen={open('reopen')}
            />
            <IncidentReportMenu incidentKey={incident.key} />
            <IncidentMoreMenu
              incident={incident}
              onMerge={open('merge')}
              onRelate={open('relate')}
              onLegalHold={open('hold')}
            />
          </Group>
        )}
      </Group>
      <IncidentFieldEditor incident={incident} field="title" label="Title">
        <Title order={2} style={{ wordBreak: 'break-word' }}>
          {incident.title}
        </Title>
      </IncidentFieldEditor>
      <PhaseStepper phase={incident.phase} />
      <IncidentFacts
        incident={incident}
        change={change}
        onOverride={open('priority')}
        onAssign={open('assign')}
      />
      <IncidentChangeFeedback change={change} />
      <VerifyModal base={baseOf('verify')} onClose={close} />
      <ClassifyModal base={baseOf('classify')} onClose={close} />
      <ClosureWizard base={baseOf('close')} onClose={close} />
      <ReopenModal base={baseOf('reopen')} onClose={close} />
      <PriorityOverrideModal base={baseOf('priority')} onClose={close} />
      <AssignModal base={baseOf('assign')} onClose={close} />
      <MergeIncidentsModal base={baseOf('merge')} onClose={close} />
      <RelateIncidentModal base={baseOf('relate')} onClose={close} />
      <LegalHoldModal incidentKey={incident.key} opened={dialog?.kind === 'hold'} onClose={close} />
    </Stack>
  );
}
