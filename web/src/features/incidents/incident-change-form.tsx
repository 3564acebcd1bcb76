import { Modal, Stack, type ButtonProps, type ModalProps } from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import type { Incident } from '#contracts/incidents.ts';
import { ApiError } from '../../lib/api-client.ts';
import { DialogActions } from '../../ui/dialog-actions.tsx';
import { ChangedElsewhereNotice, IncidentChangeFeedback } from './incident-conflict-notice.tsx';
import { useIncidentChange, type IncidentChange } from './use-incident-change.ts';

/**
 * A dialog of one incident: open while `base` is set, its form mounted afresh each time so nothing
 * typed for one incident shows up for the next.
 */
export function IncidentDialog({
  base,
  title,
  size = 'md',
  onClose,
  children,
}: {
  base: Incident | null;
  title: string;
  size?: ModalProps['size'];
  onClose: () => void;
  children: (base: Incident) => ReactNode;
}) {
  return (
    <Modal opened={base !== null} onClose={onClose} title={title} size={size}>
      {base && children(base)}
    </Modal>
  );
}

/**
 * The state of a form that changes an incident: the version its input is made on (`base`, moved on
 * only when the user reapplies after a conflict), the change in flight, and field errors.
 */
export function useIncidentForm(opened: Incident, onDone: (incident: Incident) => void) {
  const [base, setBase] = useState(opened);
  const change = useIncidentChange(onDone);
  return {
    base,
    change,
    errors: change.error instanceof ApiError ? change.error.fieldErrors() : {},
    send: (input: IncidentChange) => change.submit(input, base),
    /** Sends the input again on the incident as it is now, which becomes the form's base. */
    reapply(input?: IncidentChange) {
      if (change.conflict) setBase(change.conflict.current);
      change.reapply(input);
    },
  };
}

export type IncidentForm = ReturnType<typeof useIncidentForm>;

/**
 * The body of such a dialog: its fields, a notice when a colleague changed the incident meanwhile, a
 * refused save with both ways on, then Cancel and the submit button.
 */
export function IncidentChangeForm({
  form,
  input,
  onReapply,
  onCancel,
  submitLabel,
  canSubmit = true,
  submitColor,
  autoFocusSubmit,
  secondaryAction,
  children,
}: {
  form: IncidentForm;
  /** The change the fields make up now; sent on submit and, after a conflict, on reapply. */
  input: () => IncidentChange;
  onReapply?: () => void;
  onCancel: () => void;
  submitLabel: string;
  canSubmit?: boolean;
  submitColor?: ButtonProps['color'];
  autoFocusSubmit?: boolean;
  /** A second way out on the left, such as removing what the dialog sets. */
  secondaryAction?: ReactNode;
  children: ReactNode;
}) {
  const submit = (e: FormEvent) => {
    e.preventDefault();
    form.send(input());
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {children}
        <ChangedElsewhereNotice base={form.base} />
        <IncidentChangeFeedback
          change={form.change}
          onReapply={onReapply ?? (() => form.reapply(input()))}
          onDiscard={onCancel}
        />
        <DialogActions
          onCancel={onCancel}
          submitLabel={submitLabel}
          loading={form.change.pending}
          disabled={!!form.change.conflict || !canSubmit}
          color={submitColor}
          autoFocusSubmit={autoFocusSubmit}
          secondary={secondaryAction}
        />
      </Stack>
    </form>
  );
}
