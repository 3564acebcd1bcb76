import { Textarea } from '@mantine/core';

/** The reason a dialog asks for before it rejects, reopens or overrides; it goes on the timeline. */
export function ReasonField({
  description,
  value,
  onChange,
  error,
}: {
  description: string;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
}) {
  return (
    <Textarea
      label="Reason"
      description={description}
      required
      autosize
      minRows={2}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={error}
      data-autofocus
    />
  );
}
