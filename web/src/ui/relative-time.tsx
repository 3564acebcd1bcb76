import { Text, type TextProps } from '@mantine/core';
import { formatLocal, formatRelative, formatUtc } from '../lib/time.ts';

/** `12 min ago`, with the local and UTC time on hover; `now` comes from the list so rows tick together. */
export function RelativeTime({ iso, now, ...props }: { iso: string; now: Date } & TextProps) {
  return (
    <Text
      component="time"
      dateTime={iso}
      title={`${formatLocal(iso)} (${formatUtc(iso)})`}
      size="sm"
      style={{ whiteSpace: 'nowrap' }}
      {...props}
    >
      {formatRelative(iso, now)}
    </Text>
  );
}
