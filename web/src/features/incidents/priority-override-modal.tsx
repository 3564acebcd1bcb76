import { Button, Text } from '@mantine/core';
import { useState } from 'react';
import { Priority, type Incident } from '#contracts/incidents.ts';
import { LabelledSegmentedControl } from '../../ui/labelled-segmented-control.tsx';
import { IncidentChangeForm, IncidentDialog, useIncidentForm } from './incident-change-form.tsx';
import { ReasonField } from './reason-field.tsx';
import type { IncidentChange } from './use-incident-change.ts';

const removal: IncidentChange = { action: 'update', body: { priorityOverride: null } };

/** Overrides the matrix priority; the reason is mandatory and is recorded on the timeline. */
export function PriorityOverrideModal({ base, onClose }: { base: Incident | null; onClose: () => void }) {
  return (
    <IncidentDialog base={base} title="Override priority" onClose={onClose}>
      {(b) => <OverrideForm base={b} onClose={onClose} />}
    </IncidentDialog>
  );
}

function OverrideForm({ base: opened, onClose }: { base: Incident; onClose: () => void }) {
  const [priority, setPriority] = useState<Priority>(
    opened.priorityOverride?.priority ?? opened.priority ?? 'P3',
  );
  const [reason, setReason] = useState('');
  const form = useIncidentForm(opened, onClose);
  const override = (): IncidentChange => ({
    action: 'update',
    body: { priorityOverride: { priority, reason } },
  });
  // A refused removal goes again as it was; a refused override with the reason as it reads now.
  const reapply = () => form.reapply(form.change.conflict?.change === removal ? removal : override());
  return (
    <IncidentChangeForm
      form={form}
      input={override}
      onReapply={reapply}
      onCancel={onClose}
      submitLabel="Override"
      canSubmit={reason.trim().length >= 3}
      secondaryAction={
        opened.priorityOverride && (
          <Button variant="subtle" color="red" onClick={() => form.send(removal)}>
            Remove override
          </Button>
        )
      }
    >
      <Text size="sm">
        {opened.priorityOverride
          ? `Overridden to ${opened.priorityOverride.priority}: ${opened.priorityOverride.reason}`
          : `From the matrix: ${opened.priority ?? 'none yet (no severity)'}`}
      </Text>
      <LabelledSegmentedControl
        label="Priority"
        value={priority}
        onChange={setPriority}
        data={Priority.options}
      />
      <ReasonField
        description="Why the matrix is wrong here; shown on the timeline"
        value={reason}
        onChange={setReason}
        error={form.errors['priorityOverride.reason']}
      />
    </IncidentChangeForm>
  );
}
