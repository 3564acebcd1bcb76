import { Button, Group, type MantineColor } from '@mantine/core';

export interface RowAction {
  label: string;
  /** What a screen reader hears, naming the row: "Edit grafana". */
  ariaLabel: string;
  onClick: () => void;
  color?: MantineColor;
  loading?: boolean;
}

/** The small buttons at the end of an admin table's row: edit, rotate, delete … */
export function RowActions({ actions }: { actions: RowAction[] }) {
  return (
    <Group gap={4} wrap="nowrap" justify="flex-end">
      {actions.map((a) => (
        <Button
          key={a.label}
          size="compact-xs"
          variant="light"
          color={a.color}
          loading={a.loading}
          onClick={a.onClick}
          aria-label={a.ariaLabel}
        >
          {a.label}
        </Button>
      ))}
    </Group>
  );
}
