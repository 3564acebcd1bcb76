import { Alert, Button, Drawer, Group, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Criticality, type Constituency, type Contact } from '#contracts/constituencies.ts';
import { api, ApiError } from '../../lib/api-client.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { formatAssetLines, parseAssetLines } from './asset-lines.ts';
import { ContactsEditor } from './contacts-editor.tsx';
import { monospaceInput } from '../../ui/monospace.ts';

interface Draft {
  name: string;
  criticality: Constituency['criticality'];
  description: string;
  assets: string;
  contacts: Contact[];
}

const blank: Draft = { name: '', criticality: 'medium', description: '', assets: '', contacts: [] };
const toDraft = (c: Constituency): Draft => ({ ...c, assets: formatAssetLines(c.assets) });

/** Create or edit a constituency; an edit that would overwrite a colleague's is stopped and shown. */
export function ConstituencyEditor({
  id,
  onClose,
  readOnly,
}: {
  id: string | null;
  onClose: () => void;
  readOnly: boolean;
}) {
  const isNew = id === 'new';
  const existing = useQuery({
    queryKey: ['constituency', id],
    enabled: id !== null && !isNew,
    queryFn: () => api<Constituency>('GET', `/api/v1/constituencies/${id}`),
  });
  const loaded = isNew ? null : existing.data;
  return (
    <Drawer
      opened={id !== null}
      onClose={onClose}
      position="right"
      size="xl"
      title={isNew ? 'New constituency' : (loaded?.name ?? 'Constituency')}
    >
      <ErrorAlert error={existing.error} />
      {id !== null && (isNew || loaded) && (
        <EditorForm
          // Keyed by id only: a background refetch must never reset what the user is typing.
          key={id}
          id={id}
          loaded={loaded ?? null}
          onClose={onClose}
          readOnly={readOnly}
        />
      )}
    </Drawer>
  );
}

function EditorForm({
  id,
  loaded,
  onClose,
  readOnly,
}: {
  id: string;
  loaded: Constituency | null;
  onClose: () => void;
  readOnly: boolean;
}) {
  const client = useQueryClient();
  const isNew = loaded === null;
  const [draft, setDraft] = useState<Draft>(loaded ? toDraft(loaded) : blank);
  const [version, setVersion] = useState<number | null>(loaded?.version ?? null);

  const save = useMutation({
    mutationFn: () => {
      const body = {
        name: draft.name,
        criticality: draft.criticality,
        description: draft.description,
        assets: parseAssetLines(draft.assets),
        contacts: draft.contacts,
      };
      return isNew
        ? api<Constituency>('POST', '/api/v1/constituencies', body)
        : api<Constituency>('PATCH', `/api/v1/constituencies/${id}`, { ...body, version });
    },
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['constituencies'] });
      await client.invalidateQueries({ queryKey: ['constituency', id] });
      onClose();
    },
  });
  const conflict =
    save.error instanceof ApiError && save.error.problem.code === 'stale_version'
      ? (save.error.problem as unknown as { current: Constituency }).current
      : null;
  const fieldErrors = save.error instanceof ApiError ? save.error.fieldErrors() : {};
  const assetErrors = Object.entries(fieldErrors)
    .filter(([path]) => path.startsWith('assets.'))
    .map(([, m]) => m);
  const set =
    <K extends keyof Draft>(key: K) =>
    (value: Draft[K]) =>
      setDraft((d) => ({ ...d, [key]: value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {conflict && (
          <Alert color="orange" title="Someone else changed this constituency" role="alert">
            Version {conflict.version} was saved by a colleague while you edited. Your changes are still here;
            reload theirs to compare, then save again.
            <Group mt="xs">
              <Button size="xs" variant="light" onClick={() => setVersion(conflict.version)}>
                Keep mine and overwrite
              </Button>
              <Button
                size="xs"
                variant="default"
                onClick={() => {
                  setDraft(toDraft(conflict));
                  setVersion(conflict.version);
                  save.reset();
                }}
              >
                Load their version
              </Button>
            </Group>
          </Alert>
        )}
        {save.error && !conflict && !Object.keys(fieldErrors).length && <ErrorAlert error={save.error} />}
        <TextInput
          label="Name"
          required
          readOnly={readOnly}
          value={draft.name}
          error={fieldErrors.name}
          onChange={(e) => set('name')(e.currentTarget.value)}
        />
        <Select
          label="Criticality"
          description="With an incident's severity, this sets its priority"
          data={Criticality.options}
          value={draft.criticality}
          readOnly={readOnly}
          allowDeselect={false}
          onChange={(v) => set('criticality')(v ?? 'medium')}
        />
        <Textarea
          label="Description"
          autosize
          minRows={2}
          readOnly={readOnly}
          value={draft.description}
          onChange={(e) => set('description')(e.currentTarget.value)}
        />
        <Textarea
          label="Assets"
          description="One per line: netblocks (192.0.2.0/24, 2001:db8::/32), domains with their subdomains (example.org), AS numbers (AS64500), keyword: text"
          autosize
          minRows={4}
          maxRows={16}
          styles={monospaceInput}
          readOnly={readOnly}
          value={draft.assets}
          error={assetErrors.length ? assetErrors.join('; ') : undefined}
          onChange={(e) => set('assets')(e.currentTarget.value)}
        />
        <ContactsEditor
          contacts={draft.contacts}
          onChange={set('contacts')}
          readOnly={readOnly}
          errors={fieldErrors}
        />
        {!readOnly && (
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {isNew ? 'Create constituency' : 'Save changes'}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}
