import { Badge, type BadgeProps } from '@mantine/core';

/** On shift or away: whether automatic assignment may give the person new incidents. */
export function ShiftBadge({ available, ...props }: { available: boolean } & BadgeProps) {
  return (
    <Badge
      radius="xs"
      tt="none"
      variant={available ? 'dot' : 'outline'}
      color={available ? 'teal' : 'gray'}
      style={{ flexShrink: 0 }}
      {...props}
    >
      {available ? 'on shift' : 'away'}
    </Badge>
  );
}
