import { Stack, Text } from '@mantine/core';
import { ObservableChip } from '../../ui/observable-chip.tsx';

/** The observables extracted from a report, defanged, one per line. */
export function ReportObservables({ observables }: { observables: { type: string; value: string }[] }) {
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
