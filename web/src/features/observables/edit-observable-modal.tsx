import { Modal, Select, Stack, TagsInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Tlp } from '#contracts/identity.ts';
import type { IncidentObservable } from '#contracts/observables.ts';
import { defang } from '../../lib/defang.ts';
import { DialogActions } from '../../ui/dialog-actions.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { useObservableWrites } from './observable-queries.ts';

/** Changes the tags and TLP of one of the incident's own observables. */
export function EditObservableModal({
  incidentKey,
  observable,
  onClose,
}: {
  incidentKey: string;
  observable: IncidentObservable & { id: string };
  onClose: () => void;
}) {
  const { update } = useObservableWrites(incidentKey);
  const [tags, setTags] = useState(observable.tags);
  const [tlp, setTlp] = useState<Tlp>(observable.tlp);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    update.mutate({ id: observable.id, tags, tlp }, { onSuccess: onClose });
  };
  return (
    <Modal opened onClose={onClose} title={`Edit ${observable.type} ${defang(observable.value)}`}>
      <form onSubmit={submit}>
        <Stack>
          <TagsInput label="Tags" value={tags} onChange={setTags} clearable data-autofocus />
          <Select
            label="TLP"
            data={Tlp.options.map((t) => ({ value: t, label: `TLP:${t.toUpperCase()}` }))}
            value={tlp}
            onChange={(t) => t && setTlp(t)}
            allowDeselect={false}
          />
          <ErrorAlert error={update.error} title="Could not save the observable" />
          <DialogActions onCancel={onClose} submitLabel="Save" loading={update.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
