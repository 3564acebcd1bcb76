import { Badge, Group } from '@mantine/core';
import type { Tlp } from '#contracts/identity.ts';
import { TlpBadge } from './tlp-badge.tsx';

/** TLP and PAP side by side, as every incident, report and export shows them. */
export function MarkingBadges({ tlp, pap }: { tlp: Tlp; pap: string }) {
  return (
    <Group gap={4} wrap="nowrap">
      <TlpBadge tlp={tlp} />
      <Badge
        radius="xs"
        variant="outline"
        color="gray"
        ff="monospace"
        aria-label={`PAP ${pap}`}
        styles={{ root: { flexShrink: 0 }, label: { overflow: 'visible' } }}
      >
        PAP:{pap.toUpperCase()}
      </Badge>
    </Group>
  );
}
