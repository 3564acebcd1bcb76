import { Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { Incident } from '#contracts/incidents.ts';
import { IncidentChangeForm, IncidentDialog, useIncidentForm } from './incident-change-form.tsx';
import { IncidentPicker } from './incident-picker.tsx';

/** Relates another incident to this one, with a note on how; both incidents show the relation. */
export function RelateIncidentModal({ base, onClose }: { base: Incident | null; onClose: () => void }) {
  return (
    <IncidentDialog
      base={base}
      title={`Relate ${base?.key ?? ''} to another incident`}
      size="xl"
      onClose={onClose}
    >
      {(b) => <RelateForm base={b} onClose={onClose} />}
    </IncidentDialog>
  );
}

function RelateForm({ base: opened, onClose }: { base: Incident; onClose: () => void }) {
  const [related, setRelated] = useState<Incident | null>(null);
  const [note, setNote] = useState('');
  const form = useIncidentForm(opened, onClose);
  const input = () => ({ action: 'relate' as const, body: { relatedKey: related?.key ?? '', note } });
  const already = new Set(opened.related.map((r) => r.key));
  return (
    <IncidentChangeForm
      form={form}
      input={input}
      onCancel={onClose}
      submitLabel={related ? `Relate to ${related.key}` : 'Relate'}
      canSubmit={related !== null}
    >
      <IncidentPicker
        label="Find the related incident"
        single
        selected={related ? [related.key] : []}
        onToggle={(i, on) => setRelated(on ? i : null)}
        exclude={[opened.key, ...already]}
        error={form.errors.relatedKey}
      />
      {related && (
        <Text size="sm">
          Relating to <b>{related.key}</b> {related.title}
        </Text>
      )}
      <TextInput
        label="Note"
        description="How they are related, e.g. same campaign, same victim"
        value={note}
        maxLength={2000}
        onChange={(e) => setNote(e.currentTarget.value)}
        error={form.errors.note}
      />
    </IncidentChangeForm>
  );
}
