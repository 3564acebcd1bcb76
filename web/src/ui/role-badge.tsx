import { Badge } from '@mantine/core';
import type { Role } from '#contracts/identity.ts';

const colours: Record<Role, string> = { admin: 'grape', lead: 'blue', handler: 'teal', viewer: 'gray' };

export function RoleBadge({ role }: { role: Role }) {
  return (
    <Badge variant="light" color={colours[role]} radius="xs" tt="none">
      {role}
    </Badge>
  );
}
