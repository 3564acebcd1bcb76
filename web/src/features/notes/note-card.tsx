import { Button, Card, Group, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Note } from '#contracts/notes.ts';
import { useSignedInUser } from '../../app/session.tsx';
import { api } from '../../lib/api-client.ts';
import { hasRole } from '../../lib/roles.ts';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { ConflictNotice } from '../../ui/conflict-notice.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { LocalTime } from '../../ui/local-time.tsx';
import { TlpBadge } from '../../ui/tlp-badge.tsx';
import { NoteEditor, type NoteDraft } from './note-editor.tsx';
import { noteDiff, noteKeys, notesPath, staleCurrent } from './note-queries.ts';
import { SafeMarkdown } from './safe-markdown.tsx';

/**
 * One note, rendered; edited in place. The edit remembers the version it started from: if a colleague
 * saved first, the server refuses and the user's text stays, beside what changed, until they choose.
 */
export function NoteCard({
  incidentKey,
  note,
  writable,
}: {
  incidentKey: string;
  note: Note;
  /** The user may write on this incident (role, not merged away). */
  writable: boolean;
}) {
  const user = useSignedInUser();
  const client = useQueryClient();
  const [editing, setEditing] = useState<{ base: Note; draft: NoteDraft } | null>(null);
  const [deleting, setDeleting] = useState(false);
  const path = `${notesPath(incidentKey)}/${encodeURIComponent(note.id)}`;
  const refresh = () => client.invalidateQueries({ queryKey: noteKeys.list(incidentKey) });

  const save = useMutation({
    mutationFn: ({ draft, version }: { draft: NoteDraft; version: number }) =>
      api<Note>('PATCH', path, { version, body: draft.body, tlp: draft.tlp }),
    onSuccess: () => {
      setEditing(null);
      void refresh();
    },
  });
  const remove = useMutation({
    mutationFn: () => api<void>('DELETE', path, { version: note.version }),
    onSuccess: () => {
      setDeleting(false);
      void refresh();
    },
  });
  const current = editing ? staleCurrent<Note>(save.error) : null;
  const canEdit = writable;
  const canDelete = canEdit && (note.createdBy === user.email || hasRole(user.role, 'lead'));

  return (
    <Card withBorder padding="sm" aria-label={`Note by ${note.createdBy}`}>
      <Group justify="space-between" wrap="nowrap" align="flex-start" mb={6}>
        <Group gap={6} wrap="wrap">
          <Text size="sm" fw={600}>
            {note.createdBy}
          </Text>
          <LocalTime iso={note.createdAt} size="xs" c="dimmed" />
          {note.version > 1 && (
            <Text size="xs" c="dimmed">
              · edited by {note.updatedBy} <LocalTime iso={note.updatedAt} size="xs" span />
            </Text>
          )}
          {note.tlp && <TlpBadge tlp={note.tlp} />}
        </Group>
        {!editing && (canEdit || canDelete) && (
          <Group gap={4} wrap="nowrap">
            {canEdit && (
              <Button
                size="compact-xs"
                variant="subtle"
                onClick={() => setEditing({ base: note, draft: { body: note.body, tlp: note.tlp } })}
              >
                Edit
              </Button>
            )}
            {canDelete && (
              <Button size="compact-xs" variant="subtle" color="red" onClick={() => setDeleting(true)}>
                Delete
              </Button>
            )}
          </Group>
        )}
      </Group>
      {editing ? (
        <Stack gap="xs">
          {current ? (
            <ConflictNotice
              title="Someone else changed this note first"
              changes={noteDiff(editing.base, current)}
              by={[current.updatedBy]}
              reapplying={save.isPending}
              onReapply={() => {
                setEditing({ ...editing, base: current });
                save.mutate({ draft: editing.draft, version: current.version });
              }}
              onDiscard={() => {
                setEditing(null);
                save.reset();
                void refresh();
              }}
            />
          ) : (
            <ErrorAlert error={save.error} onClose={save.reset} />
          )}
          <NoteEditor
            draft={editing.draft}
            onChange={(draft) => setEditing({ ...editing, draft })}
            onSave={() => save.mutate({ draft: editing.draft, version: editing.base.version })}
            onCancel={() => {
              setEditing(null);
              save.reset();
            }}
            saving={save.isPending && !current}
            error={save.error}
            saveLabel="Save note"
          />
        </Stack>
      ) : (
        <SafeMarkdown>{note.body}</SafeMarkdown>
      )}
      <ConfirmDialog
        opened={deleting}
        title="Delete this note?"
        confirmLabel="Delete note"
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() => remove.mutate()}
        onCancel={() => {
          setDeleting(false);
          remove.reset();
        }}
      >
        The note by {note.createdBy} disappears from the incident; the audit log keeps a record.
      </ConfirmDialog>
    </Card>
  );
}
