import { Modal, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { Incident } from '#contracts/incidents.ts';
import type { ReportSummary } from '#contracts/reports.ts';
import { DialogActions } from '../../ui/dialog-actions.tsx';
import { IncidentPicker } from '../incidents/incident-picker.tsx';
import { BulkProblems } from './bulk-problems.tsx';
import { reportCount } from './report-labels.ts';
import { useReportBulk } from './use-report-bulk.ts';

/** Links the selected new reports to one open incident, all of them or none. */
export function BulkLinkModal({
  reports,
  onClose,
  onDone,
}: {
  /** The selection when the dialog opened; null: closed. */
  reports: ReportSummary[] | null;
  onClose: () => void;
  onDone: () => void;
}) {
  return (
    <Modal
      opened={reports !== null}
      onClose={onClose}
      title={`Link ${reportCount(reports?.length ?? 0)} to an incident`}
      size="xl"
    >
      {reports && <LinkForm reports={reports} onClose={onClose} onDone={onDone} />}
    </Modal>
  );
}

function LinkForm({
  reports,
  onClose,
  onDone,
}: {
  reports: ReportSummary[];
  onClose: () => void;
  onDone: () => void;
}) {
  const [target, setTarget] = useState<Incident | null>(null);
  const bulk = useReportBulk(onDone);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // No version: linking adds reports and overwrites nothing a colleague changed meanwhile.
    if (target) bulk.mutate({ action: 'link', incidentKey: target.key, reportIds: reports.map((r) => r.id) });
  };
  return (
    <form noValidate onSubmit={submit}>
      <Stack>
        <Text size="sm" c="dimmed">
          {reportCount(reports.length)} join the incident with their observables and leave the inbox.
        </Text>
        <IncidentPicker
          label="Find an open incident"
          single
          openOnly
          selected={target ? [target.key] : []}
          onToggle={(i, on) => setTarget(on ? i : null)}
        />
        <BulkProblems error={bulk.error} reports={reports} />
        <DialogActions
          onCancel={onClose}
          submitLabel={target ? `Link ${reportCount(reports.length)} to ${target.key}` : 'Link'}
          loading={bulk.isPending}
          disabled={!target}
        />
      </Stack>
    </form>
  );
}
