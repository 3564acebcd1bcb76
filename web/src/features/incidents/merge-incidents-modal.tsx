import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Incident } from '#contracts/incidents.ts';
import { IncidentChangeForm, IncidentDialog, useIncidentForm } from './incident-change-form.tsx';
import { phaseLabel } from './incident-labels.ts';
import { IncidentPicker } from './incident-picker.tsx';
import { incidentKeys } from './incident-queries.ts';
import { currentOf, type IncidentChange } from './use-incident-change.ts';

/** A picked incident as the user saw it; `changed` once a refusal showed it had moved on since. */
interface Source {
  incident: Incident;
  changed: boolean;
}

/** Field errors of a refused merge (`sources.1.key`) by the key of the source they name. */
function problemsBySource(errors: Record<string, string>, sent: IncidentChange | null) {
  const out: Record<string, string> = {};
  if (sent?.action !== 'merge') return out;
  for (const [path, message] of Object.entries(errors)) {
    const index = /^sources\.(\d+)/.exec(path)?.[1];
    const key = index === undefined ? undefined : sent.body.sources[Number(index)]?.key;
    if (key) out[key] = message.startsWith(key) ? message : `${key} ${message}`;
  }
  return out;
}

/** Merges other incidents into this one; they are closed as duplicates pointing here. */
export function MergeIncidentsModal({ base, onClose }: { base: Incident | null; onClose: () => void }) {
  return (
    <IncidentDialog base={base} title={`Merge incidents into ${base?.key ?? ''}`} size="xl" onClose={onClose}>
      {(b) => <MergeForm base={b} onClose={onClose} />}
    </IncidentDialog>
  );
}

function MergeForm({ base: opened, onClose }: { base: Incident; onClose: () => void }) {
  const client = useQueryClient();
  const [sources, setSources] = useState<Source[]>([]);
  const form = useIncidentForm(opened, (survivor) => {
    for (const s of sources) void client.invalidateQueries({ queryKey: incidentKeys.one(s.incident.key) });
    notifications.show({
      color: 'green',
      message: `Merged ${sources.map((s) => s.incident.key).join(', ')} into ${survivor.key}`,
    });
    onClose();
  });
  // A source changed since it was picked: show it as it is now; merging again then uses that version.
  const stale = currentOf(form.change.error);
  const [seen, setSeen] = useState<Incident | null>(null);
  if (stale && stale !== seen && stale.key !== opened.key) {
    setSeen(stale);
    setSources((all) =>
      all.map((s) => (s.incident.key === stale.key ? { incident: stale, changed: true } : s)),
    );
  }
  const problems = problemsBySource(form.errors, form.change.sent);
  const input = (): IncidentChange => ({
    action: 'merge',
    body: { sources: sources.map((s) => ({ key: s.incident.key, version: s.incident.version })) },
  });
  const toggle = (incident: Incident, on: boolean) =>
    setSources((all) =>
      on ? [...all, { incident, changed: false }] : all.filter((s) => s.incident.key !== incident.key),
    );
  const n = sources.length;
  return (
    <IncidentChangeForm
      form={form}
      input={input}
      onCancel={onClose}
      submitLabel={n ? `Merge ${n} incident${n > 1 ? 's' : ''} into ${opened.key}` : 'Merge'}
      submitColor="red"
      canSubmit={n > 0}
    >
      <IncidentPicker
        label="Find incidents to merge"
        selected={sources.map((s) => s.incident.key)}
        onToggle={toggle}
        exclude={[opened.key]}
      />
      {n > 0 && (
        <Stack gap={4} component="section" aria-label="To merge">
          <Text size="sm" fw={600}>
            To merge ({n})
          </Text>
          {sources.map(({ incident: s, changed }) => (
            <Stack key={s.key} gap={0}>
              <Group gap="xs" wrap="nowrap">
                <Text size="sm" ff="monospace">
                  {s.key}
                </Text>
                <Text size="sm" lineClamp={1} style={{ flex: 1 }}>
                  {s.title}
                </Text>
                <Text size="xs" c="dimmed">
                  {phaseLabel[s.phase]} · {s.reportIds.length} reports
                </Text>
                <Button
                  size="compact-xs"
                  variant="subtle"
                  aria-label={`Leave ${s.key} out`}
                  onClick={() => toggle(s, false)}
                >
                  Leave out
                </Button>
              </Group>
              {problems[s.key] && (
                <Text size="xs" c="red">
                  {problems[s.key]}
                </Text>
              )}
              {changed && !problems[s.key] && (
                <Text size="xs" style={{ color: 'var(--mantine-color-orange-text)' }}>
                  Changed by someone else since you picked it; shown as it is now. Merge again to go ahead.
                </Text>
              )}
            </Stack>
          ))}
          <Alert color="orange" variant="light" p="xs">
            <Text size="sm">
              {n > 1 ? 'They are' : 'It is'} closed as duplicate{n > 1 ? 's' : ''} pointing to {opened.key}.
              Reports, observables, timeline and people move to {opened.key}. This cannot be undone.
            </Text>
          </Alert>
        </Stack>
      )}
    </IncidentChangeForm>
  );
}
