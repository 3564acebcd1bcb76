import { Button, Group, MultiSelect, Stack, Tabs, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { ReportKind, ReportTemplate, ReportTemplateUpdate } from '#contracts/reporting.ts';
import { api, ApiError } from '../../lib/api-client.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { LocalTime } from '../../ui/local-time.tsx';

const templatesKey = ['reporting', 'templates'];
const kindLabel: Record<ReportKind, string> = {
  technical: 'Technical report',
  management: 'Management report',
  activity: 'Activity report',
};
const sectionLabel = (s: string) => s.charAt(0).toUpperCase() + s.slice(1).replaceAll('_', ' ');

function TemplateForm({ template }: { template: ReportTemplate }) {
  const client = useQueryClient();
  const [draft, setDraft] = useState<Omit<ReportTemplateUpdate, 'version'>>({
    title: template.title,
    sections: template.sections,
    intro: template.intro,
    outro: template.outro,
  });
  const save = useMutation({
    mutationFn: () =>
      api<ReportTemplate>('PUT', `/api/v1/reporting/templates/${template.kind}`, {
        ...draft,
        version: template.version,
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: templatesKey }),
  });
  const errors = save.error instanceof ApiError ? save.error.fieldErrors() : {};
  const sectionErrors = Object.entries(errors)
    .filter(([path]) => path.startsWith('sections'))
    .map(([, message]) => message);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack maw={800}>
        {save.error && !Object.keys(errors).length && (
          <ErrorAlert error={save.error} title="Template not saved" />
        )}
        <TextInput
          label="Title"
          required
          value={draft.title}
          error={errors.title}
          onChange={(e) => {
            const title = e.currentTarget.value;
            setDraft((d) => ({ ...d, title }));
          }}
        />
        <MultiSelect
          label="Sections"
          description="Printed in the order chosen"
          data={template.availableSections.map((s) => ({ value: s, label: sectionLabel(s) }))}
          value={draft.sections}
          error={sectionErrors.join('; ') || undefined}
          onChange={(sections) => setDraft((d) => ({ ...d, sections }))}
        />
        {(['intro', 'outro'] as const).map((field) => (
          <Textarea
            key={field}
            label={field === 'intro' ? 'Introduction' : 'Closing text'}
            autosize
            minRows={3}
            value={draft[field]}
            error={errors[field]}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setDraft((d) => ({ ...d, [field]: value }));
            }}
          />
        ))}
        <Text size="xs" c="dimmed">
          Variables:{' '}
          {Object.entries(template.variables)
            .map(([name, meaning]) => `{{${name}}} ${meaning.toLowerCase()}`)
            .join(' · ')}
        </Text>
        <Group justify="space-between">
          <Group gap={4}>
            <Text size="xs" c="dimmed">
              Version {template.version}, changed by {template.updatedBy}
            </Text>
            <LocalTime iso={template.updatedAt} size="xs" c="dimmed" />
          </Group>
          <Button type="submit" loading={save.isPending}>
            Save template
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Admin › Report templates: title, sections and intro/outro text of each generated report. */
export function ReportTemplatesPage() {
  const templates = useQuery({
    queryKey: templatesKey,
    queryFn: () => api<{ items: ReportTemplate[] }>('GET', '/api/v1/reporting/templates'),
  });
  const items = templates.data?.items ?? [];
  return (
    <Stack gap="sm">
      <Title order={2}>Report templates</Title>
      <Text size="sm" c="dimmed">
        The incident reports (technical and for management) and the periodic activity report are built from
        these. The TLP marking is always printed on every page, whatever the template says.
      </Text>
      <ErrorAlert error={templates.error} title="Could not load the report templates" />
      {items.length > 0 && (
        <Tabs defaultValue="technical" keepMounted={false}>
          <Tabs.List>
            {items.map((t) => (
              <Tabs.Tab key={t.kind} value={t.kind}>
                {kindLabel[t.kind]}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {items.map((t) => (
            <Tabs.Panel key={t.kind} value={t.kind} pt="md">
              <TemplateForm key={`${t.kind}-${t.version}`} template={t} />
            </Tabs.Panel>
          ))}
        </Tabs>
      )}
    </Stack>
  );
}
