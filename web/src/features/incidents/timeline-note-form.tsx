import { Button, Group, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { TimelineEntry } from '#contracts/incidents.ts';
import { api, ApiError } from '../../lib/api-client.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { incidentKeys, incidentPath } from './incident-queries.ts';

const blank = { text: '', eventTime: '', discoveryTime: '' };

// `datetime-local` gives the user's wall-clock time; the API wants an instant.
const toIso = (local: string) => (local ? new Date(local).toISOString() : undefined);

/** A handler's own timeline entry, with when it happened and when the team learnt of it. */
export function TimelineNoteForm({ incidentKey }: { incidentKey: string }) {
  const [form, setForm] = useState(blank);
  const client = useQueryClient();
  const add = useMutation({
    mutationFn: () =>
      api<{ items: TimelineEntry[] }>('POST', `${incidentPath(incidentKey)}/timeline`, {
        text: form.text,
        eventTime: toIso(form.eventTime),
        discoveryTime: toIso(form.discoveryTime),
      }),
    onSuccess: (timeline) => {
      client.setQueryData(incidentKeys.timeline(incidentKey), timeline);
      setForm(blank);
    },
  });
  const errors = add.error instanceof ApiError ? add.error.fieldErrors() : {};
  const set = (key: keyof typeof blank) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setForm((f) => ({ ...f, [key]: value }));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate();
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Add a timeline note">
      <Stack gap="xs">
        <Textarea
          label="Note"
          placeholder="What happened, what was seen, what was done"
          autosize
          minRows={2}
          maxRows={10}
          value={form.text}
          onChange={set('text')}
          error={errors.text}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit(e);
          }}
        />
        <Group align="flex-end" gap="sm">
          <TextInput
            type="datetime-local"
            label="Event time"
            description="When it happened, if known"
            value={form.eventTime}
            onChange={set('eventTime')}
            error={errors.eventTime}
            w={230}
          />
          <TextInput
            type="datetime-local"
            label="Discovery time"
            description="When the team learnt of it"
            value={form.discoveryTime}
            onChange={set('discoveryTime')}
            error={errors.discoveryTime}
            w={230}
          />
          <Button type="submit" loading={add.isPending} disabled={!form.text.trim()}>
            Add note
          </Button>
        </Group>
        {add.error && !Object.keys(errors).length && <ErrorAlert error={add.error} />}
      </Stack>
    </form>
  );
}
