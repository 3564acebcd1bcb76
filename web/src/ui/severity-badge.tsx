import { Badge } from '@mantine/core';
import type { Criticality } from '#contracts/constituencies.ts';
import type { Severity } from '#contracts/incidents.ts';

/** One scale for incident severity and constituency criticality, so the two read alike side by side. */
export const levelColour: Record<Severity, string> = {
  critical: 'red',
  high: 'orange',
  medium: 'yellow',
  low: 'gray',
};

export function SeverityBadge({ severity }: { severity: Severity | null }) {
  if (!severity) return <span aria-label="Severity not set">–</span>;
  return (
    <Badge size="sm" variant="light" color={levelColour[severity]} radius="xs" tt="none">
      {severity}
    </Badge>
  );
}

export function CriticalityBadge({ criticality }: { criticality: Criticality }) {
  return (
    <Badge
      size="xs"
      variant="outline"
      color={levelColour[criticality]}
      radius="xs"
      tt="none"
      aria-label={`criticality ${criticality}`}
      styles={{ root: { flexShrink: 0, overflow: 'visible' }, label: { overflow: 'visible' } }}
    >
      {criticality}
    </Badge>
  );
}
