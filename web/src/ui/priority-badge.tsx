import { Badge, type BadgeProps } from '@mantine/core';
import type { Priority } from '#contracts/incidents.ts';

const colours: Record<Priority, string> = { P1: 'red', P2: 'orange', P3: 'yellow', P4: 'gray' };

/** P1…P4, filled so the most urgent stands out in a dense list; a dash until severity is known. */
export function PriorityBadge({ priority, ...props }: { priority: Priority | null } & BadgeProps) {
  if (!priority)
    return (
      <Badge variant="outline" color="gray" radius="xs" aria-label="No priority yet" {...props}>
        P–
      </Badge>
    );
  return (
    <Badge
      variant={priority === 'P1' || priority === 'P2' ? 'filled' : 'light'}
      color={colours[priority]}
      radius="xs"
      ff="monospace"
      aria-label={`Priority ${priority}`}
      {...props}
    >
      {priority}
    </Badge>
  );
}
