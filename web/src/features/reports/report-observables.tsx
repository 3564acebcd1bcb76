import { Stack, Text } from '@mantine/core';
import type { ExtractedObservable } from '#contracts/observables.ts';
import { ObservableChip } from '../../ui/observable-chip.tsx';

/** The observables extracted from a report, defanged, one per line. */
export function ReportObservables({ observables }: { observables: ExtractedObservable[] }) {
  if (observables.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No observables found in the text.
      </Text>
    );
  return (
    <Stack gap={4}>
      {observables.map((o) => (
        <ObservableChip key={`${o.type}:${o.value}`} observable={o} />
      ))}
    </Stack>
  );
}
