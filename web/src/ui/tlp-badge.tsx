import { Badge } from '@mantine/core';
import type { Tlp } from '#contracts/identity.ts';

// FIRST TLP 2.0 colours, on black as the standard prescribes.
const colours: Record<Tlp, string> = {
  clear: '#FFFFFF',
  green: '#33FF00',
  amber: '#FFC000',
  'amber+strict': '#FFC000',
  red: '#FF2B2B',
};

export function TlpBadge({ tlp }: { tlp: Tlp }) {
  return (
    <Badge
      radius="xs"
      styles={{
        root: {
          background: '#000',
          color: colours[tlp],
          fontFamily: 'monospace',
          flexShrink: 0,
          overflow: 'visible',
        },
        label: { overflow: 'visible' },
      }}
      aria-label={`TLP ${tlp}`}
    >
      TLP:{tlp.toUpperCase()}
    </Badge>
  );
}
