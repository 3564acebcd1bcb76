import { Button, Group, NumberInput, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Analysis, Impact, PutAnalysis } from '#contracts/notes.ts';
import { ImpactLevel } from '#contracts/notes.ts';
import { api, ApiError } from '../../lib/api-client.ts';
import { ConflictNotice } from '../../ui/conflict-notice.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { LocalTime } from '../../ui/local-time.tsx';
import { AssetTableEditor } from './asset-table-editor.tsx';
import { analysisPath, noteKeys, staleCurrent, useAnalysis } from './note-queries.ts';

type Content = Omit<PutAnalysis, 'version'>;
const contentOf = ({ rootCause, assets, impact }: Analysis): Content => ({ rootCause, assets, impact });
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const levels = [
  { value: '', label: 'not assessed' },
  ...ImpactLevel.options.map((l) => ({ value: l, label: l })),
];

const impactSummary = (i: Impact) =>
  `C ${i.confidentiality ?? '–'}, I ${i.integrity ?? '–'}, A ${i.availability ?? '–'}, ` +
  `${i.affectedUsers ?? '–'} users, ${i.affectedRecords ?? '–'} records` +
  (i.business ? `, ${i.business.slice(0, 60)}` : '');

function analysisDiff(base: Analysis, current: Analysis) {
  const out = [];
  if (base.rootCause !== current.rootCause)
    out.push({ label: 'Root cause', before: base.rootCause || 'none', after: current.rootCause || 'none' });
  if (!same(base.assets, current.assets))
    out.push({
      label: 'Assets',
      before: base.assets.map((a) => `${a.name} (${a.state})`).join(', ') || 'none',
      after: current.assets.map((a) => `${a.name} (${a.state})`).join(', ') || 'none',
    });
  if (!same(base.impact, current.impact))
    out.push({ label: 'Impact', before: impactSummary(base.impact), after: impactSummary(current.impact) });
  return out;
}

/**
 * The incident's analysis record: root cause, affected assets and impact, saved as a whole at the
 * version the form was filled from. Live changes replace the form only while the user has not typed.
 */
export function AnalysisSection({ incidentKey, readOnly }: { incidentKey: string; readOnly: boolean }) {
  const analysis = useAnalysis(incidentKey);
  const client = useQueryClient();
  // The user's edit and the version it started from; until they type, the form shows the latest.
  const [edited, setEdited] = useState<{ base: Analysis; value: Content } | null>(null);
  const data = analysis.data;

  const save = useMutation({
    mutationFn: ({ value, version }: { value: Content; version: number }) =>
      api<Analysis>('PUT', analysisPath(incidentKey), { ...value, version }),
    onSuccess: (saved) => {
      client.setQueryData(noteKeys.analysis(incidentKey), saved);
      setEdited(null);
    },
  });
  if (analysis.error) return <ErrorAlert error={analysis.error} title="Could not load the analysis" />;
  if (!data) return null;
  const form = edited ? { ...edited, dirty: true } : { base: data, value: contentOf(data), dirty: false };
  const current = staleCurrent<Analysis>(save.error);
  const errors = save.error instanceof ApiError ? save.error.fieldErrors() : {};
  const edit = (patch: Partial<Content>) =>
    setEdited({ base: form.base, value: { ...form.value, ...patch } });
  const impact = (patch: Partial<Impact>) => edit({ impact: { ...form.value.impact, ...patch } });
  const level = (field: 'confidentiality' | 'integrity' | 'availability') => (
    <Select
      label={field[0]!.toUpperCase() + field.slice(1)}
      w={160}
      data={levels}
      value={form.value.impact[field] ?? ''}
      readOnly={readOnly}
      allowDeselect={false}
      onChange={(v) => impact({ [field]: v ? (v as Impact[typeof field]) : null })}
    />
  );
  const count = (field: 'affectedUsers' | 'affectedRecords', label: string) => (
    <NumberInput
      label={label}
      w={180}
      min={0}
      allowDecimal={false}
      value={form.value.impact[field] ?? ''}
      readOnly={readOnly}
      onChange={(v) => impact({ [field]: typeof v === 'number' ? v : null })}
      error={errors[`impact.${field}`]}
    />
  );

  return (
    <Stack gap="sm" component="section" aria-label="Analysis">
      <Group justify="space-between">
        <Title order={4}>Analysis</Title>
        {form.base.updatedAt && (
          <Text size="xs" c="dimmed">
            Saved by {form.base.updatedBy} <LocalTime iso={form.base.updatedAt} size="xs" span />
          </Text>
        )}
      </Group>
      {form.dirty && data.version !== form.base.version && !current && (
        <Text size="xs" role="status" style={{ color: 'var(--mantine-color-orange-text)' }}>
          Updated by someone else while you were editing. Saving will show what changed before anything is
          overwritten.
        </Text>
      )}
      <Textarea
        label="Root cause"
        description="Why it happened: the weakness exploited, how the attacker got in"
        autosize
        minRows={3}
        maxRows={15}
        value={form.value.rootCause}
        readOnly={readOnly}
        onChange={(e) => edit({ rootCause: e.currentTarget.value })}
        error={errors.rootCause}
      />
      <Text size="sm" fw={500}>
        Affected assets
      </Text>
      <AssetTableEditor
        assets={form.value.assets}
        onChange={(assets) => edit({ assets })}
        errors={errors}
        readOnly={readOnly}
      />
      <Text size="sm" fw={500}>
        Impact
      </Text>
      <Group gap="sm" align="flex-start">
        {level('confidentiality')}
        {level('integrity')}
        {level('availability')}
        {count('affectedUsers', 'Affected users')}
        {count('affectedRecords', 'Affected records')}
      </Group>
      <Textarea
        label="Business impact"
        autosize
        minRows={2}
        maxRows={10}
        value={form.value.impact.business}
        readOnly={readOnly}
        onChange={(e) => impact({ business: e.currentTarget.value })}
        error={errors['impact.business']}
      />
      {current ? (
        <ConflictNotice
          title="Someone else changed the analysis first"
          changes={analysisDiff(form.base, current)}
          by={current.updatedBy ? [current.updatedBy] : []}
          reapplying={save.isPending}
          onReapply={() => {
            setEdited({ base: current, value: form.value });
            save.mutate({ value: form.value, version: current.version });
          }}
          onDiscard={() => {
            save.reset();
            client.setQueryData(noteKeys.analysis(incidentKey), current);
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
            Save analysis
          </Button>
          {form.dirty && (
            <Button
              variant="default"
              onClick={() => {
                save.reset();
                setEdited(null);
              }}
            >
              Undo changes
            </Button>
          )}
        </Group>
      )}
    </Stack>
  );
}
