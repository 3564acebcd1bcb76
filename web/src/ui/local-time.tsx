import { Text, type TextProps } from '@mantine/core';
import { formatLocal, formatUtc } from '../lib/time.ts';

/** A point in time in the user's zone; hovering shows UTC. */
export function LocalTime({ iso, ...props }: { iso: string } & TextProps) {
  return (
    <Text component="time" dateTime={iso} title={formatUtc(iso)} size="sm" {...props}>
      {formatLocal(iso)}
    </Text>
  );
}
