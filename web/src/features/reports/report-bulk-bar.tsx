import { Button, Checkbox, Group, Kbd, Text } from '@mantine/core';
import { useState } from 'react';
import type { ReportSummary } from '#contracts/reports.ts';
import { OpenIncidentModal } from '../incidents/open-incident-modal.tsx';
import { BulkDiscardModal } from './bulk-discard-modal.tsx';
import { BulkLinkModal } from './bulk-link-modal.tsx';

type Dialog = { kind: 'link' | 'open' | 'discard'; reports: ReportSummary[] };

/**
 * Select-all and the actions on the ticked new reports of the list. A dialog works on the selection
 * as it was when it opened: a live refresh of the list must not change it underneath.
 */
export function ReportBulkBar({
  items,
  checked,
  onChecked,
}: {
  items: ReportSummary[];
  checked: Set<string>;
  onChecked: (next: Set<string>) => void;
}) {
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const selectable = items.filter((r) => r.status === 'new');
  const chosen = selectable.filter((r) => checked.has(r.id));
  const all = selectable.length > 0 && chosen.length === selectable.length;
  const open = (kind: Dialog['kind']) => setDialog({ kind, reports: chosen });
  const close = () => setDialog(null);
  const done = () => {
    setDialog(null);
    onChecked(new Set());
  };
  const of = (kind: Dialog['kind']) => (dialog?.kind === kind ? dialog.reports : null);
  return (
    <Group gap={6} mih={30} wrap="wrap" role="toolbar" aria-label="Bulk actions">
      <Checkbox
        size="xs"
        aria-label="Select all new reports"
        checked={all}
        indeterminate={chosen.length > 0 && !all}
        disabled={selectable.length === 0}
        onChange={() => onChecked(all ? new Set() : new Set(selectable.map((r) => r.id)))}
      />
      {chosen.length > 0 ? (
        <>
          <Text size="sm" fw={500} style={{ whiteSpace: 'nowrap' }}>
            {chosen.length} selected
          </Text>
          <Button size="compact-sm" variant="light" onClick={() => open('link')}>
            Link to incident…
          </Button>
          <Button size="compact-sm" variant="light" onClick={() => open('open')}>
            Open incident…
          </Button>
          <Button size="compact-sm" variant="light" color="red" onClick={() => open('discard')}>
            Discard…
          </Button>
          <Button size="compact-sm" variant="subtle" color="gray" onClick={() => onChecked(new Set())}>
            Clear
          </Button>
        </>
      ) : (
        <Text size="xs" c="dimmed">
          Tick new reports (<Kbd size="xs">x</Kbd>) to link, open or discard many at once.
        </Text>
      )}
      <BulkLinkModal reports={of('link')} onClose={close} onDone={done} />
      <BulkDiscardModal reports={of('discard')} onClose={close} onDone={done} />
      <OpenIncidentModal reports={of('open') ?? []} opened={dialog?.kind === 'open'} onClose={close} />
    </Group>
  );
}
