import { Button, Card, Divider, Group, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Incident } from '#contracts/incidents.ts';
import type { Note } from '#contracts/notes.ts';
import { useSignedInUser } from '../../app/session.tsx';
import { api, ApiError } from '../../lib/api-client.ts';
import { hasRole } from '../../lib/roles.ts';
import { useKeyboardShortcuts } from '../../lib/use-keyboard-shortcuts.ts';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { AnalysisSection } from './analysis-section.tsx';
import { NoteCard } from './note-card.tsx';
import { NoteEditor, type NoteDraft } from './note-editor.tsx';
import { noteKeys, notesPath, useNotes } from './note-queries.ts';

const blank: NoteDraft = { body: '', tlp: null };

/** The Notes tab: Markdown notes, oldest first, a composer (`n`), and the analysis record. */
export function NotesTab({ incident }: { incident: Incident }) {
  const key = incident.key;
  const notes = useNotes(key);
  const client = useQueryClient();
  // A merged incident is kept read-only; its notes moved to the survivor.
  const canWrite = hasRole(useSignedInUser().role, 'handler') && !incident.mergedInto;
  const [draft, setDraft] = useState<NoteDraft | null>(null);
  const add = useMutation({
    mutationFn: (d: NoteDraft) => api<Note>('POST', notesPath(key), d),
    onSuccess: () => {
      setDraft(null);
      void client.invalidateQueries({ queryKey: noteKeys.list(key) });
    },
  });
  const start = () => setDraft((d) => d ?? blank);
  useKeyboardShortcuts([{ keys: ['n'], description: 'New note', run: start }], canWrite);
  const items = notes.data?.items ?? [];
  const fieldErrors = add.error instanceof ApiError && Object.keys(add.error.fieldErrors()).length > 0;

  return (
    <Stack gap="md" aria-label="Notes">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          Working notes in Markdown. A note may carry a stricter marking than the incident.
        </Text>
        {canWrite && !draft && (
          <Button size="xs" onClick={start} title="Shortcut: n">
            New note
          </Button>
        )}
      </Group>
      {draft && (
        <Card withBorder padding="sm" aria-label="New note">
          <Stack gap="xs">
            {!fieldErrors && <ErrorAlert error={add.error} onClose={add.reset} />}
            <NoteEditor
              draft={draft}
              onChange={setDraft}
              onSave={() => add.mutate(draft)}
              onCancel={() => {
                setDraft(null);
                add.reset();
              }}
              saving={add.isPending}
              error={add.error}
              saveLabel="Add note"
            />
          </Stack>
        </Card>
      )}
      <ErrorAlert error={notes.error} title="Could not load the notes" />
      {notes.isSuccess && items.length === 0 && !draft && (
        <EmptyState title="No notes yet">
          {canWrite ? 'Press n or use New note to write the first one.' : 'Handlers write notes here.'}
        </EmptyState>
      )}
      {items.map((n) => (
        <NoteCard key={n.id} incidentKey={key} note={n} writable={canWrite} />
      ))}
      <Divider />
      <AnalysisSection incidentKey={key} readOnly={!canWrite} />
    </Stack>
  );
}
