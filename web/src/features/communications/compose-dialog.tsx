import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  Select,
  Stack,
  TagsInput,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { Communication, ComposeMessage, MessagePreview } from '#contracts/communications.ts';
import type { Constituency, Contact } from '#contracts/constituencies.ts';
import { Tlp } from '#contracts/identity.ts';
import type { Incident } from '#contracts/incidents.ts';
import {
  TEMPLATE_VARIABLES,
  type MessageTemplate,
  type TemplateAudience,
} from '#contracts/message-templates.ts';
import { api, ApiError } from '../../lib/api-client.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { LabelledSegmentedControl } from '../../ui/labelled-segmented-control.tsx';
import { TlpBadge } from '../../ui/tlp-badge.tsx';
import { incidentKeys } from '../incidents/incident-queries.ts';
import { LockIcon } from './lock-icon.tsx';
import { matchingTemplates, messageTemplatesKey, templateLanguages } from './compose-form.ts';
import { monospaceInput } from '../../ui/monospace.ts';

/** "New message" on an incident: recipients, template, preview with the TLP banner, send. */
export function ComposeDialog({
  incident,
  opened,
  onClose,
}: {
  incident: Incident;
  opened: boolean;
  onClose: () => void;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title={`New message on ${incident.key}`} size="xl">
      {opened && <ComposeForm incident={incident} onClose={onClose} />}
    </Modal>
  );
}

function ComposeForm({ incident, onClose }: { incident: Incident; onClose: () => void }) {
  const client = useQueryClient();
  const base = `/api/v1/incidents/${encodeURIComponent(incident.key)}/communications`;
  const constituency = useQuery({
    queryKey: ['constituency', incident.constituency?.id],
    queryFn: () => api<Constituency>('GET', `/api/v1/constituencies/${incident.constituency!.id}`),
    enabled: incident.constituency !== null,
  });
  const templates = useQuery({
    queryKey: messageTemplatesKey,
    queryFn: () => api<{ items: MessageTemplate[] }>('GET', '/api/v1/message-templates'),
  });
  const contacts = constituency.data?.contacts ?? [];
  const [to, setTo] = useState<string[]>([]);
  const [audience, setAudience] = useState<TemplateAudience>('technical');
  const [language, setLanguage] = useState('en');
  const [templateId, setTemplateId] = useState<string | null>(null);
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [tlp, setTlp] = useState<Tlp>(incident.tlp);

  const message: ComposeMessage = { to, templateId, subject, body, tlp };
  const preview = useMutation({
    mutationFn: () => api<MessagePreview>('POST', `${base}/preview`, message),
  });
  const send = useMutation({
    mutationFn: () => api<Communication>('POST', base, message),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: incidentKeys.communications(incident.key) });
      await client.invalidateQueries({ queryKey: incidentKeys.timeline(incident.key) });
      onClose();
    },
  });
  // Any edit makes the preview stale: it must be looked at again before sending.
  const edit =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      preview.reset();
      send.reset();
    };
  const options = matchingTemplates(templates.data?.items ?? [], {
    typeId: incident.classification?.typeId ?? null,
    audience,
    language,
  });
  // The first contact chosen suggests the audience and language, until a template is picked.
  const chooseRecipients = (next: string[]) => {
    setTo(next);
    const first = contacts.find((c) => c.email === next[0]);
    if (first && next.length === 1 && !templateId) {
      setAudience(first.audience);
      setLanguage(first.language);
    }
  };
  const chooseTemplate = edit((id: string | null) => {
    setTemplateId(id);
    const t = templates.data?.items.find((x) => x.id === id);
    if (t) {
      setSubject(t.subject);
      setBody(t.body);
    }
  });
  const languages = [
    ...new Set(['en', ...templateLanguages(templates.data?.items ?? []), ...contacts.map((c) => c.language)]),
  ];
  const failure = preview.error ?? send.error;
  const fieldErrors = failure instanceof ApiError ? failure.fieldErrors() : {};
  const toError = Object.entries(fieldErrors).find(([k]) => k.startsWith('to'))?.[1];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    preview.mutate();
  };
  const tlps = Tlp.options.slice(Tlp.options.indexOf(incident.tlp));

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <TagsInput
          label="To"
          description={
            <>
              Contacts of {incident.constituency?.name ?? 'no constituency'}, or any address; <LockIcon /> has
              an OpenPGP key
            </>
          }
          data={contacts.map((c) => c.email)}
          renderOption={({ option }) => (
            <ContactOption contact={contacts.find((c) => c.email === option.value)} />
          )}
          value={to}
          onChange={edit(chooseRecipients)}
          error={toError}
          clearable
          data-autofocus
        />
        <Group grow align="flex-end">
          <LabelledSegmentedControl
            label="Audience"
            data={[
              { value: 'technical', label: 'Technical' },
              { value: 'descriptive', label: 'Descriptive' },
            ]}
            value={audience}
            onChange={edit((v: string) => setAudience(v as TemplateAudience))}
          />
          <Select
            label="Language"
            data={languages}
            value={language}
            onChange={edit((v: string | null) => setLanguage(v ?? 'en'))}
            allowDeselect={false}
          />
          <Select
            label="Marking"
            data={tlps.map((t) => ({ value: t, label: `TLP:${t.toUpperCase()}` }))}
            value={tlp}
            onChange={edit((v: string | null) => setTlp((v as Tlp | null) ?? incident.tlp))}
            allowDeselect={false}
          />
        </Group>
        <Select
          label="Template"
          placeholder={
            options.length ? 'Free text, or choose a template' : 'No template for this audience and language'
          }
          data={options.map((t) => ({ value: t.id, label: t.name }))}
          value={templateId}
          onChange={chooseTemplate}
          clearable
        />
        <TextInput
          label="Subject"
          description={`The incident key [${incident.key}] is added so that replies thread here`}
          value={subject}
          onChange={(e) => edit(setSubject)(e.currentTarget.value)}
          error={fieldErrors.subject}
        />
        <Textarea
          label="Body"
          description={`Variables: ${Object.keys(TEMPLATE_VARIABLES)
            .map((v) => `{{${v}}}`)
            .join(' ')}`}
          autosize
          minRows={8}
          maxRows={20}
          value={body}
          onChange={(e) => edit(setBody)(e.currentTarget.value)}
          error={fieldErrors.body}
          styles={monospaceInput}
        />
        {!toError && !fieldErrors.subject && !fieldErrors.body && (
          <ErrorAlert error={failure} title="Check the message" />
        )}
        {preview.data && <PreviewCard preview={preview.data} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" variant="light" loading={preview.isPending}>
            Preview
          </Button>
          <Button
            onClick={() => send.mutate()}
            loading={send.isPending}
            disabled={!preview.data || preview.data.refusal !== null}
          >
            Send
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ContactOption({ contact }: { contact: Contact | undefined }) {
  if (!contact) return null;
  return (
    <Group gap={6} wrap="nowrap">
      {contact.pgpKey ? <LockIcon label="has an OpenPGP key" /> : <span style={{ width: 12 }} />}
      <Text size="sm" span>
        {contact.name} &lt;{contact.email}&gt;
      </Text>
      <Text size="xs" c="dimmed" span>
        {contact.audience}, {contact.language}
      </Text>
    </Group>
  );
}

function PreviewCard({ preview: p }: { preview: MessagePreview }) {
  return (
    <Card withBorder padding="sm" aria-label="Preview">
      <Stack gap={6}>
        {p.refusal && (
          <Alert color="red" title="Cannot be sent" role="alert">
            {p.refusal}
          </Alert>
        )}
        <Group gap={6}>
          <TlpBadge tlp={p.tlp} />
          <Badge
            variant="light"
            color={p.encrypted ? 'green' : 'gray'}
            leftSection={p.encrypted ? <LockIcon label="encrypted" /> : undefined}
          >
            {p.encrypted ? 'OpenPGP-encrypted' : 'in clear'}
          </Badge>
        </Group>
        <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
          To{' '}
          {p.recipients.map((r, i) => (
            <span key={r.address}>
              {i > 0 && ', '}
              {r.hasKey && <LockIcon label="has an OpenPGP key" />}{' '}
              {r.name ? `${r.name} <${r.address}>` : r.address}
            </span>
          ))}
        </Text>
        <Text fw={600} size="sm">
          {p.subject}
        </Text>
        <Text size="sm" ff="monospace" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
          {p.body}
        </Text>
      </Stack>
    </Card>
  );
}
