import { Button, Group, type ButtonProps } from '@mantine/core';
import type { ReactNode } from 'react';

/** The foot of a dialog's form: Cancel, then the submit button; an optional second way out on the left. */
export function DialogActions({
  onCancel,
  submitLabel,
  loading,
  disabled,
  color,
  autoFocusSubmit,
  secondary,
}: {
  onCancel: () => void;
  submitLabel: string;
  loading?: boolean;
  disabled?: boolean;
  color?: ButtonProps['color'];
  autoFocusSubmit?: boolean;
  secondary?: ReactNode;
}) {
  return (
    <Group justify={secondary ? 'space-between' : 'flex-end'}>
      {secondary}
      <Group>
        <Button variant="default" onClick={onCancel}>
          Cancel
        </Button>
        <Button
          type="submit"
          color={color}
          loading={loading}
          disabled={disabled}
          data-autofocus={autoFocusSubmit || undefined}
        >
          {submitLabel}
        </Button>
      </Group>
    </Group>
  );
}
