import { Modal, NumberInput, Select, Stack, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { ConstituencySummary } from '#contracts/constituencies.ts';
import type { RetentionPolicy } from '#contracts/retention.ts';
import { api } from '../../lib/api-client.ts';
import { DialogActions } from '../../ui/dialog-actions.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { useTaxonomy } from '../taxonomy/use-taxonomy.ts';
import { usePolicyMutation } from './retention-queries.ts';

const ANY = '';

/** New or changed retention policy: criteria (empty = any) and the two periods. */
export function PolicyEditor({
  policy,
  opened,
  onClose,
}: {
  policy: RetentionPolicy | null;
  opened: boolean;
  onClose: () => void;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title={policy ? `Edit ${policy.name}` : 'New retention policy'}>
      {opened && <PolicyForm key={policy?.id ?? 'new'} policy={policy} onClose={onClose} />}
    </Modal>
  );
}

function PolicyForm({ policy, onClose }: { policy: RetentionPolicy | null; onClose: () => void }) {
  const taxonomy = useTaxonomy();
  const constituencies = useQuery({
    queryKey: ['constituencies', 'summaries'],
    queryFn: () => api<{ items: ConstituencySummary[] }>('GET', '/api/v1/constituencies'),
    select: (d) => d.items,
  });
  const [name, setName] = useState(policy?.name ?? '');
  const [taxonomyClass, setClass] = useState(policy?.taxonomyClass ?? ANY);
  const [typeId, setType] = useState(policy?.typeId ?? ANY);
  const [constituencyId, setConstituency] = useState(policy?.constituencyId ?? ANY);
  const [archive, setArchive] = useState<number | string>(policy?.archiveAfterDays ?? '');
  const [destroy, setDestroy] = useState<number | string>(policy?.destroyAfterMonths ?? '');
  const save = usePolicyMutation(onClose);

  const classes = [...new Map((taxonomy.data ?? []).map((t) => [t.class, t.classLabel])).entries()];
  const types = (taxonomy.data ?? []).filter((t) => !taxonomyClass || t.class === taxonomyClass);
  const orNull = (v: string) => (v === ANY ? null : v);
  const numOrNull = (v: number | string) => (v === '' ? null : Number(v));

  function submit(e: FormEvent) {
    e.preventDefault();
    const body = {
      name,
      taxonomyClass: orNull(taxonomyClass),
      typeId: orNull(typeId),
      constituencyId: orNull(constituencyId),
      archiveAfterDays: numOrNull(archive),
      destroyAfterMonths: numOrNull(destroy),
    };
    save.mutate(
      policy
        ? {
            method: 'PUT',
            path: `/api/v1/retention/policies/${policy.id}`,
            body: { ...body, version: policy.version },
          }
        : { method: 'POST', path: '/api/v1/retention/policies', body },
    );
  }

  return (
    <form onSubmit={submit}>
      <Stack>
        <TextInput label="Name" required value={name} onChange={(e) => setName(e.currentTarget.value)} />
        <Select
          label="Class"
          data={[{ value: ANY, label: 'Any class' }, ...classes.map(([value, label]) => ({ value, label }))]}
          value={taxonomyClass}
          onChange={(v) => {
            setClass(v ?? ANY);
            setType(ANY);
          }}
          allowDeselect={false}
          searchable
        />
        <Select
          label="Type"
          data={[
            { value: ANY, label: 'Any type' },
            ...types.map((t) => ({ value: t.id, label: `${t.classLabel} › ${t.typeLabel}` })),
          ]}
          value={typeId}
          onChange={(v) => setType(v ?? ANY)}
          allowDeselect={false}
          searchable
        />
        <Select
          label="Constituency"
          data={[
            { value: ANY, label: 'Any constituency' },
            ...(constituencies.data ?? []).map((c) => ({ value: c.id, label: c.name })),
          ]}
          value={constituencyId}
          onChange={(v) => setConstituency(v ?? ANY)}
          allowDeselect={false}
          searchable
        />
        <NumberInput
          label="Archive after (days closed)"
          description="Empty: never archived by this policy"
          min={0}
          value={archive}
          onChange={setArchive}
        />
        <NumberInput
          label="Destroy after (months closed)"
          description="Empty: never destroyed by this policy. Destruction shreds the incident's keys: it cannot be undone."
          min={1}
          value={destroy}
          onChange={setDestroy}
        />
        <ErrorAlert error={save.error} title="Could not save the policy" />
        <DialogActions
          onCancel={onClose}
          submitLabel={policy ? 'Save' : 'Add policy'}
          loading={save.isPending}
        />
      </Stack>
    </form>
  );
}
