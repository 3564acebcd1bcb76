import { Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { DiscardReason, type ReportSummary } from '#contracts/reports.ts';
import { DialogActions } from '../../ui/dialog-actions.tsx';
import { BulkProblems } from './bulk-problems.tsx';
import { discardReasonLabel, reportCount } from './report-labels.ts';
import { useReportBulk } from './use-report-bulk.ts';

/** Discards the selected new reports with one reason and note, all of them or none. */
export function BulkDiscardModal({
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
    <Modal opened={reports !== null} onClose={onClose} title={`Discard ${reportCount(reports?.length ?? 0)}`}>
      {reports && <DiscardForm reports={reports} onClose={onClose} onDone={onDone} />}
    </Modal>
  );
}

function DiscardForm({
  reports,
  onClose,
  onDone,
}: {
  reports: ReportSummary[];
  onClose: () => void;
  onDone: () => void;
}) {
  const [reason, setReason] = useState<DiscardReason | null>(null);
  const [note, setNote] = useState('');
  const bulk = useReportBulk(onDone);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (reason) bulk.mutate({ action: 'discard', reason, note, reportIds: reports.map((r) => r.id) });
  };
  return (
    <form noValidate onSubmit={submit}>
      <Stack>
        <Text size="sm" c="dimmed">
          They leave the inbox and stay readable under “Discarded”, with the reason and note.
        </Text>
        <Select
          label="Reason"
          required
          placeholder="Why they are not worth an incident"
          data={DiscardReason.options.map((value) => ({ value, label: discardReasonLabel[value] }))}
          value={reason}
          onChange={(v) => setReason(v)}
          data-autofocus
        />
        <Textarea
          label="Note"
          autosize
          minRows={2}
          maxRows={6}
          maxLength={2000}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
        />
        <BulkProblems error={bulk.error} reports={reports} />
        <DialogActions
          onCancel={onClose}
          submitLabel={`Discard ${reportCount(reports.length)}`}
          color="red"
          loading={bulk.isPending}
          disabled={!reason}
        />
      </Stack>
    </form>
  );
}
