import { Button, Group, Stack, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import type { Incident } from '#contracts/incidents.ts';
import { ApiError } from '../../lib/api-client.ts';
import { ChangedElsewhereNotice, IncidentChangeFeedback } from './incident-conflict-notice.tsx';
import { useIncidentChange } from './use-incident-change.ts';

type Field = 'title' | 'summary';

/**
 * Edit in place: shows `children` with an edit button; while editing, the draft stays put through live
 * refreshes and a refused save, until the user saves, reapplies or discards it.
 */
export function IncidentFieldEditor({
  incident,
  field,
  label,
  children,
}: {
  incident: Incident;
  field: Field;
  label: string;
  children: ReactNode;
}) {
  const [draft, setDraft] = useState<{ base: Incident; value: string } | null>(null);
  if (!draft)
    return (
      <Group gap="xs" wrap="nowrap" align="baseline">
        <div style={{ minWidth: 0 }}>{children}</div>
        <Button
          size="compact-xs"
          variant="subtle"
          aria-label={`Edit ${label.toLowerCase()}`}
          onClick={() => setDraft({ base: incident, value: incident[field] })}
        >
          Edit
        </Button>
      </Group>
    );
  return (
    <FieldForm
      draft={draft}
      field={field}
      label={label}
      onChange={(value) => setDraft((d) => d && { ...d, value })}
      onRebase={(base) => setDraft((d) => d && { ...d, base })}
      onDone={() => setDraft(null)}
    />
  );
}

function FieldForm({
  draft,
  field,
  label,
  onChange,
  onRebase,
  onDone,
}: {
  draft: { base: Incident; value: string };
  field: Field;
  label: string;
  onChange: (value: string) => void;
  onRebase: (base: Incident) => void;
  onDone: () => void;
}) {
  const change = useIncidentChange(onDone);
  const input = () => ({ action: 'update' as const, body: { [field]: draft.value } });
  const error = change.error instanceof ApiError ? change.error.fieldErrors()[field] : undefined;
  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    if (draft.value === draft.base[field]) return onDone();
    change.submit(input(), draft.base);
  };
  // Escape leaves only when nothing was typed: a stray key must not throw away a careful edit.
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && draft.value === draft.base[field]) onDone();
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit();
  };
  const common = {
    label,
    value: draft.value,
    error,
    autoFocus: true,
    onKeyDown,
    onChange: (e: { currentTarget: { value: string } }) => onChange(e.currentTarget.value),
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        {field === 'title' ? (
          <TextInput {...common} required size="md" />
        ) : (
          <Textarea {...common} autosize minRows={4} maxRows={20} description="Ctrl+Enter saves" />
        )}
        <ChangedElsewhereNotice base={draft.base} />
        <IncidentChangeFeedback
          change={change}
          onReapply={() => {
            if (change.conflict) onRebase(change.conflict.current);
            change.reapply(input());
          }}
          onDiscard={onDone}
        />
        <Group gap="xs">
          <Button type="submit" size="xs" loading={change.pending} disabled={!!change.conflict}>
            Save {label.toLowerCase()}
          </Button>
          <Button size="xs" variant="default" onClick={onDone}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
