import { Stack, Text } from '@mantine/core';
import { ObservableChip } from '../../ui/observable-chip.tsx';

type Observable = { type: string; value: string };
const key = (o: Observable) => `${o.type}:${o.value}`;

/**
 * A report's observables, defanged, one per line: first those the sender or the format named (the
 * reported source, an alert's addresses), then those only found in the text, which also names
 * recipients, reporters and their links.
 */
export function ReportObservables({
  observables,
  sent = [],
}: {
  observables: Observable[];
  sent?: Observable[];
}) {
  if (observables.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No observables found in the text.
      </Text>
    );
  const named = new Set(sent.map(key));
  const fromText = observables.filter((o) => !named.has(key(o)));
  return (
    <Stack gap={4}>
      {sent.length > 0 && (
        <>
          <Text size="xs" c="dimmed">
            Named by the sender
          </Text>
          {sent.map((o) => (
            <ObservableChip key={key(o)} observable={o} />
          ))}
        </>
      )}
      {sent.length > 0 && fromText.length > 0 && (
        <Text size="xs" c="dimmed" mt={4}>
          Found in the text
        </Text>
      )}
      {fromText.map((o) => (
        <ObservableChip key={key(o)} observable={o} />
      ))}
    </Stack>
  );
}
