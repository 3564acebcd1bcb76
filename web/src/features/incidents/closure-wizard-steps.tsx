import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  List,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import type { ClosureCheck, FinalNoteDraft, FinalParty } from '#contracts/closure.ts';
import { Outcome } from '#contracts/incidents.ts';
import { TaxonomySelect } from '../taxonomy/taxonomy-select.tsx';
import { outcomeLabel } from './incident-labels.ts';

export interface ClosureFields {
  outcome: Outcome | null;
  summary: string;
  finalTypeId: string | null;
}

export function OutcomeStep({
  value,
  onChange,
  errors,
}: {
  value: ClosureFields;
  onChange: (v: ClosureFields) => void;
  errors: Record<string, string>;
}) {
  return (
    <Stack>
      <Select
        label="Outcome"
        required
        data={Outcome.options.map((o) => ({ value: o, label: outcomeLabel[o] }))}
        value={value.outcome}
        onChange={(v) => onChange({ ...value, outcome: v })}
        allowDeselect={false}
        error={errors['closure.outcome']}
        data-autofocus
      />
      <Textarea
        label="Closing summary"
        description="What happened and what was done, for the final report and the final notes"
        required
        autosize
        minRows={3}
        maxRows={10}
        value={value.summary}
        onChange={(e) => onChange({ ...value, summary: e.currentTarget.value })}
        error={errors['closure.summary']}
      />
      <TaxonomySelect
        label="Final classification"
        value={value.finalTypeId}
        onChange={(finalTypeId) => onChange({ ...value, finalTypeId })}
        required
        error={errors['closure.finalTypeId']}
      />
    </Stack>
  );
}

export function OpenItemsStep({
  check,
  reason,
  onReason,
}: {
  check: ClosureCheck;
  reason: string;
  onReason: (v: string) => void;
}) {
  if (check.clear)
    return (
      <Alert color="green" title="Nothing left open">
        Every task is done, verified or cancelled and every evidence item&apos;s custody is closed.
      </Alert>
    );
  return (
    <Stack>
      {check.tasks.length > 0 && (
        <div>
          <Text fw={500}>Open tasks</Text>
          <List size="sm" aria-label="Open tasks">
            {check.tasks.map((t) => (
              <List.Item key={t.id}>
                {t.title} <Badge variant="light">{t.status.replace(/_/g, ' ')}</Badge>
              </List.Item>
            ))}
          </List>
        </div>
      )}
      {check.evidence.length > 0 && (
        <div>
          <Text fw={500}>Evidence with open custody</Text>
          <List size="sm" aria-label="Evidence with open custody">
            {check.evidence.map((e) => (
              <List.Item key={e.id}>
                {e.filename} <Badge variant="light">last: {e.lastAction}</Badge>
              </List.Item>
            ))}
          </List>
          <Text size="xs" c="dimmed">
            Record the item returned, disposed of or sealed in its custody log to close it.
          </Text>
        </div>
      )}
      <Textarea
        label="Reason to close anyway"
        description="Goes on the timeline with the items left open"
        required
        autosize
        minRows={2}
        value={reason}
        onChange={(e) => onReason(e.currentTarget.value)}
      />
    </Stack>
  );
}

export interface ChosenParty extends FinalParty {
  chosen: boolean;
}

const sourceLabel: Record<FinalParty['source'], string> = {
  constituency_contact: 'contact',
  reporter: 'reporter',
  task_party: 'task party',
  communication: 'correspondent',
};

export function PartiesStep({
  parties,
  onParties,
  recommendations,
  onRecommendations,
  extra,
  onExtra,
  onAddExtra,
}: {
  parties: ChosenParty[];
  onParties: (p: ChosenParty[]) => void;
  recommendations: string;
  onRecommendations: (v: string) => void;
  extra: string;
  onExtra: (v: string) => void;
  onAddExtra: () => void;
}) {
  const set = (i: number, change: Partial<ChosenParty>) =>
    onParties(parties.map((p, j) => (i === j ? { ...p, ...change } : p)));
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        Everyone involved, suggested from the contacts, reporters, task parties and earlier messages.
      </Text>
      {parties.map((p, i) => (
        <Group key={p.address} justify="space-between" wrap="nowrap">
          <Checkbox
            checked={p.chosen}
            onChange={(e) => set(i, { chosen: e.currentTarget.checked })}
            aria-label={`Inform ${p.address}`}
            label={
              <span>
                {p.name ? `${p.name} <${p.address}>` : p.address}{' '}
                <Badge size="xs" variant="light">
                  {sourceLabel[p.source]}
                </Badge>
              </span>
            }
          />
          <Select
            size="xs"
            w={150}
            aria-label={`Audience of ${p.address}`}
            data={[
              { value: 'technical', label: 'Technical' },
              { value: 'descriptive', label: 'Management' },
            ]}
            value={p.audience}
            onChange={(v) => set(i, { audience: v ?? 'technical' })}
            allowDeselect={false}
          />
        </Group>
      ))}
      <Group align="flex-end" gap="xs">
        <TextInput
          size="xs"
          label="Another address"
          value={extra}
          onChange={(e) => onExtra(e.currentTarget.value)}
        />
        <Button size="xs" variant="default" onClick={onAddExtra} disabled={!extra.includes('@')}>
          Add
        </Button>
      </Group>
      <Textarea
        label="Recommendations"
        description="For the recipients: what they should do now"
        autosize
        minRows={2}
        value={recommendations}
        onChange={(e) => onRecommendations(e.currentTarget.value)}
      />
    </Stack>
  );
}

export function DraftEditor({
  drafts,
  onDrafts,
}: {
  drafts: FinalNoteDraft[];
  onDrafts: (d: FinalNoteDraft[]) => void;
}) {
  const set = (i: number, change: Partial<FinalNoteDraft>) =>
    onDrafts(drafts.map((d, j) => (i === j ? { ...d, ...change } : d)));
  return (
    <Stack gap="sm" aria-label="Final notes">
      {drafts.map((d, i) => (
        <Stack key={d.to} gap={4} p="xs" style={{ border: '1px solid var(--mantine-color-default-border)' }}>
          <Group gap="xs">
            <Text size="sm" fw={500}>
              To {d.to}
            </Text>
            <Badge size="xs" variant="light">
              {d.audience === 'descriptive' ? 'management' : 'technical'}
            </Badge>
            {d.encrypted && <Badge size="xs">OpenPGP</Badge>}
          </Group>
          {d.refusal && (
            <Text size="xs" c="red">
              {d.refusal}
            </Text>
          )}
          <TextInput
            size="xs"
            aria-label={`Subject to ${d.to}`}
            value={d.subject}
            onChange={(e) => set(i, { subject: e.currentTarget.value })}
          />
          <Textarea
            size="xs"
            aria-label={`Note to ${d.to}`}
            autosize
            minRows={4}
            maxRows={14}
            value={d.body}
            onChange={(e) => set(i, { body: e.currentTarget.value })}
          />
        </Stack>
      ))}
    </Stack>
  );
}
