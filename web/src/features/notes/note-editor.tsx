import { Button, Group, Select, Stack, Tabs, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { Tlp } from '#contracts/identity.ts';
import { NOTE_MAX_CHARS } from '#contracts/notes.ts';
import { ApiError } from '../../lib/api-client.ts';
import { SafeMarkdown } from './safe-markdown.tsx';

export interface NoteDraft {
  body: string;
  tlp: Tlp | null;
}

const INCIDENT_TLP = 'incident';

/** Write/preview editor of a note's Markdown with its optional own marking. */
export function NoteEditor({
  draft,
  onChange,
  onSave,
  onCancel,
  saving,
  error,
  saveLabel,
}: {
  draft: NoteDraft;
  onChange: (draft: NoteDraft) => void;
  onSave: () => void;
  onCancel: () => void;
  saving: boolean;
  error: unknown;
  saveLabel: string;
}) {
  const [tab, setTab] = useState<string | null>('write');
  const errors = error instanceof ApiError ? error.fieldErrors() : {};
  return (
    <Stack gap="xs">
      <Tabs value={tab} onChange={setTab} variant="outline" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="write">Write</Tabs.Tab>
          <Tabs.Tab value="preview">Preview</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="write" pt="xs">
          <Textarea
            aria-label="Note (Markdown)"
            placeholder="Findings, hypotheses, commands run… Markdown works."
            autosize
            minRows={4}
            maxRows={20}
            data-autofocus
            value={draft.body}
            onChange={(e) => onChange({ ...draft, body: e.currentTarget.value })}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) onSave();
              if (e.key === 'Escape') onCancel();
            }}
            error={errors.body}
            description={`${draft.body.length.toLocaleString()} / ${NOTE_MAX_CHARS.toLocaleString()} characters · Ctrl+Enter saves`}
          />
        </Tabs.Panel>
        <Tabs.Panel value="preview" pt="xs" aria-label="Preview">
          {draft.body.trim() ? (
            <SafeMarkdown>{draft.body}</SafeMarkdown>
          ) : (
            <Text size="sm" c="dimmed">
              Nothing to preview yet.
            </Text>
          )}
        </Tabs.Panel>
      </Tabs>
      <Group align="flex-end" gap="sm">
        <Select
          label="Marking"
          w={220}
          value={draft.tlp ?? INCIDENT_TLP}
          onChange={(v) => onChange({ ...draft, tlp: !v || v === INCIDENT_TLP ? null : v })}
          data={[
            { value: INCIDENT_TLP, label: "The incident's" },
            ...Tlp.options.map((t) => ({ value: t, label: `TLP:${t.toUpperCase()}` })),
          ]}
          allowDeselect={false}
          error={errors.tlp}
        />
        <Button onClick={onSave} loading={saving} disabled={!draft.body.trim()}>
          {saveLabel}
        </Button>
        <Button variant="default" onClick={onCancel}>
          Cancel
        </Button>
      </Group>
    </Stack>
  );
}
