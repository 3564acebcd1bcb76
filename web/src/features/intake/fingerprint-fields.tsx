import { Group, NumberInput, Select, TagsInput } from '@mantine/core';
import type { FingerprintDraft, WindowUnit } from './intake-forms.ts';

/** Every message for `prefix` and the paths below it (`fields.0`, `fields.1`…), joined for one field. */
export function errorsUnder(errors: Record<string, string>, prefix: string): string | undefined {
  const messages = Object.entries(errors)
    .filter(([path]) => path === prefix || path.startsWith(`${prefix}.`))
    .map(([path, m]) => (path === prefix ? m : `${path.slice(prefix.length + 1)}: ${m}`));
  return messages.length ? messages.join('; ') : undefined;
}

const units: { value: WindowUnit; label: string }[] = [
  { value: 'minutes', label: 'minutes' },
  { value: 'hours', label: 'hours' },
  { value: 'days', label: 'days' },
];

/** The fields that make a fingerprint and the window that groups them; `errorPrefix` locates server errors. */
export function FingerprintFields({
  draft,
  onChange,
  errors,
  errorPrefix = '',
}: {
  draft: FingerprintDraft;
  onChange: (d: FingerprintDraft) => void;
  errors: Record<string, string>;
  errorPrefix?: string;
}) {
  return (
    <>
      <TagsInput
        label="Fingerprint fields"
        description="Dotted JSON paths, 1–10 (e.g. alert.signature_id); press Enter after each"
        placeholder={draft.fields.length ? undefined : 'alert.signature_id'}
        value={draft.fields}
        onChange={(fields) => onChange({ ...draft, fields })}
        maxTags={10}
        splitChars={[',', ' ']}
        error={errorsUnder(errors, `${errorPrefix}fields`)}
        styles={{ pill: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
      />
      <Group align="flex-start" gap="xs">
        <NumberInput
          label="Window"
          description="From 1 minute to 30 days"
          min={1}
          allowDecimal={false}
          value={draft.amount}
          onChange={(v) => onChange({ ...draft, amount: typeof v === 'number' ? v : '' })}
          error={errors[`${errorPrefix}windowSeconds`]}
          w={140}
        />
        <Select
          label="Unit"
          description=" "
          data={units}
          value={draft.unit}
          allowDeselect={false}
          onChange={(v) => onChange({ ...draft, unit: v ?? 'hours' })}
          w={120}
        />
      </Group>
    </>
  );
}
