import { Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { Incident } from '#contracts/incidents.ts';
import type { Report } from '#contracts/reports.ts';
import { DialogActions } from '../../ui/dialog-actions.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { IncidentChangeFeedback } from '../incidents/incident-conflict-notice.tsx';
import { IncidentPicker } from '../incidents/incident-picker.tsx';
import { useLinkReport } from './use-link-report.ts';

/** Links a new report to any open incident, found by key or title. */
export function LinkReportModal({
  report,
  opened,
  onClose,
}: {
  report: Pick<Report, 'id' | 'title'>;
  opened: boolean;
  onClose: () => void;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title="Link report to an incident" size="xl">
      {opened && <LinkForm report={report} onClose={onClose} />}
    </Modal>
  );
}

function LinkForm({ report, onClose }: { report: Pick<Report, 'id' | 'title'>; onClose: () => void }) {
  const [target, setTarget] = useState<Incident | null>(null);
  const linker = useLinkReport(report, onClose);
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (target) linker.link(target.key);
      }}
    >
      <Stack>
        <Text size="sm" c="dimmed">
          “{report.title}” joins the incident with its observables and leaves the inbox.
        </Text>
        <IncidentPicker
          label="Find an open incident"
          single
          openOnly
          selected={target ? [target.key] : []}
          onToggle={(i, on) => setTarget(on ? i : null)}
        />
        <ErrorAlert error={linker.error} title="Could not load the incident" />
        <IncidentChangeFeedback change={linker.change} />
        <DialogActions
          onCancel={onClose}
          submitLabel={target ? `Link to ${target.key}` : 'Link'}
          loading={linker.linking !== null}
          disabled={!target || !!linker.change.conflict}
        />
      </Stack>
    </form>
  );
}
