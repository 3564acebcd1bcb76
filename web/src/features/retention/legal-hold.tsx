import { Alert, Anchor, Badge, Modal, Stack, Text, Textarea, Tooltip } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import type { Incident } from '#contracts/incidents.ts';
import { DialogActions } from '../../ui/dialog-actions.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { useLegalHold, useSetLegalHold } from './retention-queries.ts';
import { formatLocalDate } from '../../lib/time.ts';

/** "Legal hold" beside the phase when one is set; the reason on hover. */
export function LegalHoldBadge({ incidentKey }: { incidentKey: string }) {
  const hold = useLegalHold(incidentKey);
  if (!hold.data?.held) return null;
  return (
    <Tooltip label={`${hold.data.reason ?? ''} (${hold.data.by ?? ''})`} withArrow>
      <Badge color="yellow" variant="filled" radius="xs" tt="none">
        Legal hold
      </Badge>
    </Tooltip>
  );
}

/** Above a destroyed incident's husk: where its tombstone is. */
export function DestroyedNotice({ incident }: { incident: Incident }) {
  if (!incident.destroyedAt) return null;
  return (
    <Alert color="gray" title="Content destroyed">
      This incident was destroyed under the retention policy on {formatLocalDate(incident.destroyedAt)};
      nothing can be added to it any more.{' '}
      <Anchor component={Link} to={`/retention/tombstones/${incident.key}`}>
        See its tombstone
      </Anchor>
      .
    </Alert>
  );
}

/** Sets or clears the legal hold (lead or admin); the reason goes on the timeline and in the audit log. */
export function LegalHoldModal({
  incidentKey,
  opened,
  onClose,
}: {
  incidentKey: string;
  opened: boolean;
  onClose: () => void;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title={`Legal hold on ${incidentKey}`}>
      {opened && <LegalHoldForm incidentKey={incidentKey} onClose={onClose} />}
    </Modal>
  );
}

function LegalHoldForm({ incidentKey, onClose }: { incidentKey: string; onClose: () => void }) {
  const hold = useLegalHold(incidentKey);
  const set = useSetLegalHold(incidentKey, onClose);
  const [reason, setReason] = useState('');
  const held = !!hold.data?.held;
  function submit(e: FormEvent) {
    e.preventDefault();
    set.mutate({ held: !held, reason });
  }
  return (
    <form onSubmit={submit}>
      <Stack>
        <ErrorAlert error={hold.error} title="Could not load the hold" />
        <Text size="sm">
          {held
            ? `On hold since ${hold.data?.at?.slice(0, 10) ?? ''} by ${hold.data?.by ?? ''}: ${hold.data?.reason ?? ''}. Clearing it lets the retention policy destroy the incident when due.`
            : 'An incident on legal hold is never destroyed by the retention policy, whatever its age.'}
        </Text>
        <Textarea
          label={held ? 'Why the hold ends' : 'Why it is held (e.g. the court order)'}
          required
          minLength={3}
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          data-autofocus
        />
        <ErrorAlert error={set.error} title="Could not change the hold" />
        <DialogActions
          onCancel={onClose}
          submitLabel={held ? 'Clear legal hold' : 'Set legal hold'}
          loading={set.isPending}
          disabled={reason.trim().length < 3 || hold.isPending}
        />
      </Stack>
    </form>
  );
}
