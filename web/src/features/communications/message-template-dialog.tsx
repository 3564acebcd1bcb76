import { Modal, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import {
  TEMPLATE_VARIABLES,
  type MessageTemplate,
  type MessageTemplateInput,
} from '#contracts/message-templates.ts';
import { api, ApiError } from '../../lib/api-client.ts';
import { DialogActions } from '../../ui/dialog-actions.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { LabelledSegmentedControl } from '../../ui/labelled-segmented-control.tsx';
import { useTaxonomy } from '../taxonomy/use-taxonomy.ts';
import { messageTemplatesKey } from './compose-form.ts';
import { monospaceInput } from '../../ui/monospace.ts';

const blank: MessageTemplateInput = {
  name: '',
  typeId: null,
  audience: 'technical',
  language: 'en',
  subject: '',
  body: '',
};

/** Creates a template (`template` = 'new') or changes one at the version shown. */
export function MessageTemplateDialog({
  template,
  onClose,
}: {
  template: MessageTemplate | 'new' | null;
  onClose: () => void;
}) {
  const title = template === 'new' ? 'New message template' : `Template ${template?.name ?? ''}`;
  return (
    <Modal opened={template !== null} onClose={onClose} title={title} size="xl">
      {template && (
        <TemplateForm
          key={template === 'new' ? 'new' : template.id}
          template={template === 'new' ? null : template}
          onClose={onClose}
        />
      )}
    </Modal>
  );
}

function TemplateForm({ template, onClose }: { template: MessageTemplate | null; onClose: () => void }) {
  const client = useQueryClient();
  const [draft, setDraft] = useState<MessageTemplateInput>(() =>
    template
      ? {
          name: template.name,
          typeId: template.typeId,
          audience: template.audience,
          language: template.language,
          subject: template.subject,
          body: template.body,
        }
      : blank,
  );
  const set =
    <K extends keyof MessageTemplateInput>(key: K) =>
    (value: MessageTemplateInput[K]) =>
      setDraft((d) => ({ ...d, [key]: value }));
  const types = useTaxonomy();
  const save = useMutation({
    mutationFn: () =>
      template
        ? api<MessageTemplate>('PUT', `/api/v1/message-templates/${template.id}`, {
            ...draft,
            version: template.version,
          })
        : api<MessageTemplate>('POST', '/api/v1/message-templates', draft),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: messageTemplatesKey });
      onClose();
    },
  });
  const errors = save.error instanceof ApiError ? save.error.fieldErrors() : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {save.error && !Object.keys(errors).length && (
          <ErrorAlert error={save.error} title="Template not saved" />
        )}
        <TextInput
          label="Name"
          required
          value={draft.name}
          onChange={(e) => set('name')(e.currentTarget.value)}
          error={errors.name}
          data-autofocus
        />
        <Select
          label="Incident type"
          placeholder="Any type"
          searchable
          clearable
          data={(types.data ?? []).map((t) => ({ value: t.id, label: `${t.typeLabel} (${t.classLabel})` }))}
          value={draft.typeId}
          onChange={(v) => set('typeId')(v)}
          error={errors.typeId}
        />
        <LabelledSegmentedControl
          label="Audience"
          data={[
            { value: 'technical', label: 'Technical' },
            { value: 'descriptive', label: 'Descriptive' },
          ]}
          value={draft.audience}
          onChange={(v) => set('audience')(v)}
        />
        <TextInput
          label="Language"
          description="A language tag such as en, de or de-AT"
          required
          value={draft.language}
          onChange={(e) => set('language')(e.currentTarget.value)}
          error={errors.language}
        />
        <TextInput
          label="Subject"
          description="The incident key is added in brackets when sent"
          required
          value={draft.subject}
          onChange={(e) => set('subject')(e.currentTarget.value)}
          error={errors.subject}
        />
        <Textarea
          label="Body"
          description="The TLP banner is put above it when sent"
          required
          autosize
          minRows={10}
          maxRows={24}
          value={draft.body}
          onChange={(e) => set('body')(e.currentTarget.value)}
          error={errors.body}
          styles={monospaceInput}
        />
        <Text size="xs" c="dimmed">
          Variables:{' '}
          {Object.entries(TEMPLATE_VARIABLES)
            .map(([name, meaning]) => `{{${name}}} ${meaning.toLowerCase()}`)
            .join(' · ')}
        </Text>
        <DialogActions
          onCancel={onClose}
          submitLabel={template ? 'Save template' : 'Create template'}
          loading={save.isPending}
        />
      </Stack>
    </form>
  );
}
