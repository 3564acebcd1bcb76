import {
  Badge,
  Checkbox,
  Group,
  Modal,
  Select,
  Stack,
  Switch,
  Table,
  TagsInput,
  Text,
  Textarea,
} from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Tlp } from '#contracts/identity.ts';
import type { ExtractedObservable } from '#contracts/observables.ts';
import { api } from '../../lib/api-client.ts';
import { defang } from '../../lib/defang.ts';
import { DialogActions } from '../../ui/dialog-actions.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { observablesPath, useObservableWrites } from './observable-queries.ts';

type Found = ExtractedObservable & { exists: boolean };
const keyOf = (o: ExtractedObservable) => `${o.type}:${o.value}`;

/** Paste text (a mail, a log excerpt), see what it holds, tick what to keep, add it all at once. */
export function PasteObservablesModal({
  incidentKey,
  opened,
  onClose,
}: {
  incidentKey: string;
  opened: boolean;
  onClose: () => void;
}) {
  const { add } = useObservableWrites(incidentKey);
  const [text, setText] = useState('');
  const [tags, setTags] = useState<string[]>([]);
  const [ioc, setIoc] = useState(false);
  const [tlp, setTlp] = useState<Tlp>('amber');
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const preview = useMutation({
    mutationFn: () => api<{ items: Found[] }>('POST', `${observablesPath(incidentKey)}/extract`, { text }),
    onSuccess: (data) => setChosen(new Set(data.items.filter((i) => !i.exists).map(keyOf))),
  });
  const found = preview.data?.items ?? [];
  const close = () => {
    preview.reset();
    add.reset();
    setText('');
    setChosen(new Set());
    onClose();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!preview.data) return preview.mutate();
    const items = found
      .filter((o) => chosen.has(keyOf(o)))
      .map((o) => ({ type: o.type, value: o.value, tags, ioc, tlp, source: 'extracted' as const }));
    add.mutate(items, { onSuccess: close });
  };
  const toggle = (o: Found, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(keyOf(o));
    else next.delete(keyOf(o));
    setChosen(next);
  };
  return (
    <Modal opened={opened} onClose={close} title="Paste text and extract observables" size="xl">
      <form onSubmit={submit}>
        <Stack>
          <Textarea
            label="Text"
            description="E-mail, alert or log excerpt; defanged indicators are recognised"
            autosize
            minRows={5}
            maxRows={14}
            value={text}
            onChange={(e) => {
              setText(e.currentTarget.value);
              preview.reset();
            }}
            data-autofocus
          />
          {preview.data && (
            <>
              <Text size="sm">
                {found.length} observable{found.length === 1 ? '' : 's'} found; {chosen.size} selected.
              </Text>
              <Table aria-label="Extracted observables" withRowBorders={false}>
                <Table.Tbody>
                  {found.map((o) => (
                    <Table.Tr key={keyOf(o)}>
                      <Table.Td w={32}>
                        <Checkbox
                          aria-label={`Keep ${o.type} ${defang(o.value)}`}
                          checked={chosen.has(keyOf(o))}
                          disabled={o.exists}
                          onChange={(e) => toggle(o, e.currentTarget.checked)}
                        />
                      </Table.Td>
                      <Table.Td>
                        <Badge size="xs" variant="light" radius="xs">
                          {o.type}
                        </Badge>
                      </Table.Td>
                      <Table.Td ff="monospace" style={{ wordBreak: 'break-all' }}>
                        {defang(o.value)}
                      </Table.Td>
                      <Table.Td>
                        {o.exists && (
                          <Text size="xs" c="dimmed">
                            already on the incident
                          </Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              <Group grow align="flex-start">
                <TagsInput label="Tags for all" value={tags} onChange={setTags} clearable />
                <Select
                  label="TLP"
                  data={Tlp.options.map((t) => ({ value: t, label: `TLP:${t.toUpperCase()}` }))}
                  value={tlp}
                  onChange={(t) => t && setTlp(t)}
                  allowDeselect={false}
                />
              </Group>
              <Switch label="Mark as IOCs" checked={ioc} onChange={(e) => setIoc(e.currentTarget.checked)} />
            </>
          )}
          <ErrorAlert error={preview.error ?? add.error} title="Could not extract or add" />
          <DialogActions
            onCancel={close}
            submitLabel={
              preview.data ? `Add ${chosen.size} observable${chosen.size === 1 ? '' : 's'}` : 'Preview'
            }
            loading={preview.isPending || add.isPending}
            disabled={preview.data ? chosen.size === 0 : !text.trim()}
          />
        </Stack>
      </form>
    </Modal>
  );
}
