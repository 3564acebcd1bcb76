import { Modal, Select, Stack, Switch, TagsInput, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Tlp } from '#contracts/identity.ts';
import { ObservableType } from '#contracts/observables.ts';
import { ApiError } from '../../lib/api-client.ts';
import { DialogActions } from '../../ui/dialog-actions.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { useObservableWrites } from './observable-queries.ts';

/** Adds one observable by hand: type, value (defanged forms welcome), tags, IOC flag and TLP. */
export function AddObservableModal({
  incidentKey,
  opened,
  onClose,
}: {
  incidentKey: string;
  opened: boolean;
  onClose: () => void;
}) {
  const { add } = useObservableWrites(incidentKey);
  const [type, setType] = useState<ObservableType>('ipv4');
  const [value, setValue] = useState('');
  const [tags, setTags] = useState<string[]>([]);
  const [ioc, setIoc] = useState(false);
  const [tlp, setTlp] = useState<Tlp>('amber');
  const errors = add.error instanceof ApiError ? add.error.fieldErrors() : {};
  const close = () => {
    add.reset();
    setValue('');
    setTags([]);
    setIoc(false);
    onClose();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate([{ type, value, tags, ioc, tlp, source: 'manual' }], { onSuccess: close });
  };
  return (
    <Modal opened={opened} onClose={close} title="Add an observable">
      <form onSubmit={submit}>
        <Stack>
          <Select
            label="Type"
            data={ObservableType.options}
            value={type}
            onChange={(t) => t && setType(t)}
            allowDeselect={false}
          />
          <TextInput
            label="Value"
            description="Defanged forms such as 203.0.113[.]9 or hxxps:// are read as what they stand for"
            value={value}
            onChange={(e) => setValue(e.currentTarget.value)}
            error={errors['items.0.value']}
            required
            data-autofocus
          />
          <TagsInput label="Tags" value={tags} onChange={setTags} clearable />
          <Select
            label="TLP"
            data={Tlp.options.map((t) => ({ value: t, label: `TLP:${t.toUpperCase()}` }))}
            value={tlp}
            onChange={(t) => t && setTlp(t)}
            allowDeselect={false}
            error={errors['items.0.tlp']}
          />
          <Switch
            label="Indicator of compromise (IOC)"
            checked={ioc}
            onChange={(e) => setIoc(e.currentTarget.checked)}
          />
          <ErrorAlert error={add.error} title="Could not add the observable" />
          <DialogActions
            onCancel={close}
            submitLabel="Add"
            loading={add.isPending}
            disabled={!value.trim()}
          />
        </Stack>
      </form>
    </Modal>
  );
}
