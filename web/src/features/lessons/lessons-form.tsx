import { Button, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Lessons, PutLessons } from '#contracts/lessons.ts';
import { api, ApiError } from '../../lib/api-client.ts';
import { ConflictNotice } from '../../ui/conflict-notice.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { LocalTime } from '../../ui/local-time.tsx';
import { staleCurrent } from '../notes/note-queries.ts';
import { lessonKeys, lessonsPath, useLessons } from './lesson-queries.ts';

type Content = Omit<PutLessons, 'version'>;
const fields: { field: keyof Content; label: string; description: string }[] = [
  { field: 'wentWell', label: 'What went well', description: 'Keep doing this' },
  { field: 'wentBadly', label: 'What went badly', description: 'What slowed or hurt the response' },
  { field: 'detection', label: 'Detection', description: 'How could we have detected it sooner?' },
  { field: 'response', label: 'Response', description: 'How could the response have been quicker?' },
  { field: 'organisation', label: 'Organisation', description: 'Organisational shortcomings it revealed' },
];
const contentOf = (l: Lessons): Content => ({
  wentWell: l.wentWell,
  wentBadly: l.wentBadly,
  detection: l.detection,
  response: l.response,
  organisation: l.organisation,
});
const clip = (s: string) => (s.length > 120 ? `${s.slice(0, 117)}…` : s) || 'empty';

/** The lessons record, saved whole at the version it was filled from (like the analysis record). */
export function LessonsForm({ incidentKey, readOnly }: { incidentKey: string; readOnly: boolean }) {
  const lessons = useLessons(incidentKey);
  const client = useQueryClient();
  const [edited, setEdited] = useState<{ base: Lessons; value: Content } | null>(null);
  const save = useMutation({
    mutationFn: ({ value, version }: { value: Content; version: number }) =>
      api<Lessons>('PUT', lessonsPath(incidentKey), { ...value, version }),
    onSuccess: (saved) => {
      client.setQueryData(lessonKeys.lessons(incidentKey), saved);
      setEdited(null);
    },
  });
  const data = lessons.data;
  if (lessons.error) return <ErrorAlert error={lessons.error} title="Could not load the lessons" />;
  if (!data) return null;
  const form = edited ? { ...edited, dirty: true } : { base: data, value: contentOf(data), dirty: false };
  const current = staleCurrent<Lessons>(save.error);
  const errors = save.error instanceof ApiError ? save.error.fieldErrors() : {};

  return (
    <Stack gap="sm" component="section" aria-label="Lessons learned">
      <Group justify="space-between">
        <Title order={4}>Lessons learned</Title>
        {form.base.updatedAt && (
          <Text size="xs" c="dimmed">
            Saved by {form.base.updatedBy} <LocalTime iso={form.base.updatedAt} size="xs" span />
          </Text>
        )}
      </Group>
      {fields.map(({ field, label, description }) => (
        <Textarea
          key={field}
          label={label}
          description={description}
          autosize
          minRows={2}
          maxRows={12}
          value={form.value[field]}
          readOnly={readOnly}
          onChange={(e) =>
            setEdited({ base: form.base, value: { ...form.value, [field]: e.currentTarget.value } })
          }
          error={errors[field]}
        />
      ))}
      {current ? (
        <ConflictNotice
          title="Someone else changed the lessons first"
          changes={fields
            .filter(({ field }) => form.base[field] !== current[field])
            .map(({ field, label }) => ({
              label,
              before: clip(form.base[field]),
              after: clip(current[field]),
            }))}
          by={current.updatedBy ? [current.updatedBy] : []}
          reapplying={save.isPending}
          onReapply={() => {
            setEdited({ base: current, value: form.value });
            save.mutate({ value: form.value, version: current.version });
          }}
          onDiscard={() => {
            save.reset();
            client.setQueryData(lessonKeys.lessons(incidentKey), current);
            setEdited(null);
          }}
        />
      ) : (
        <ErrorAlert error={save.error} onClose={save.reset} />
      )}
      {!readOnly && (
        <Group>
          <Button
            onClick={() => save.mutate({ value: form.value, version: form.base.version })}
            loading={save.isPending}
            disabled={!form.dirty}
          >
            Save lessons
          </Button>
          {form.dirty && (
            <Button variant="default" onClick={() => (save.reset(), setEdited(null))}>
              Undo changes
            </Button>
          )}
        </Group>
      )}
    </Stack>
  );
}
