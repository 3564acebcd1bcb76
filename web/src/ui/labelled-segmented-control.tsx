import { SegmentedControl, Stack, Text, type SegmentedControlProps } from '@mantine/core';
import { useId } from 'react';

/** A segmented control with a visible label that screen readers announce with it. */
export function LabelledSegmentedControl<T extends string>({
  label,
  ...props
}: { label: string } & SegmentedControlProps<T>) {
  const id = useId();
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500} id={id}>
        {label}
      </Text>
      <SegmentedControl aria-labelledby={id} {...props} />
    </Stack>
  );
}
