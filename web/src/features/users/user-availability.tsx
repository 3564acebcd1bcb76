import { Group, Text } from '@mantine/core';
import type { User } from '#contracts/identity.ts';
import { ShiftBadge } from '../../ui/shift-badge.tsx';
import { specialisationLabel } from '../taxonomy/taxonomy-options.ts';
import { useTaxonomy } from '../taxonomy/use-taxonomy.ts';

/** On shift or away, and what the user handles best; viewers take no incidents. */
export function UserAvailability({ user }: { user: User }) {
  const taxonomy = useTaxonomy().data ?? [];
  if (user.role === 'viewer')
    return (
      <Text size="sm" c="dimmed">
        –
      </Text>
    );
  return (
    <Group gap={6} wrap="nowrap">
      <ShiftBadge available={user.available} size="sm" />
      <Text size="xs" c={user.specialisations.length ? undefined : 'dimmed'} lineClamp={2}>
        {user.specialisations.map((s) => specialisationLabel(s, taxonomy)).join(', ') || 'no specialisations'}
      </Text>
    </Group>
  );
}
