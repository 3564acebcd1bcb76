import { Button, Group, Modal, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { Tlp } from '#contracts/identity.ts';
import { Severity, type Incident } from '#contracts/incidents.ts';
import { Pap, type Report } from '#contracts/reports.ts';
import { api, ApiError } from '../../lib/api-client.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { incidentKeys } from './incident-queries.ts';

type Source = Pick<Report, 'id' | 'title' | 'tlp' | 'pap' | 'severity'>;

// An incident is never marked less strictly than what it is made of; AMBER is the floor (issue #3).
function strictest<T extends string>(order: readonly T[], floor: T, values: T[]): T {
  return values.reduce((a, v) => (order.indexOf(v) > order.indexOf(a) ? v : a), floor);
}

/** Opens an incident from one or more new reports, then goes to it. */
export function OpenIncidentModal({
  reports,
  opened,
  onClose,
}: {
  reports: Source[];
  opened: boolean;
  onClose: () => void;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title="Open incident" size="lg">
      {opened && reports.length > 0 && <OpenForm reports={reports} onClose={onClose} />}
    </Modal>
  );
}

function OpenForm({ reports, onClose }: { reports: Source[]; onClose: () => void }) {
  const [form, setForm] = useState({
    title: reports[0]?.title ?? '',
    summary: '',
    // The highest severity a sender gave (a monitoring alert's), which the handler may change.
    severity: reports.reduce<Severity | null>(
      (a, r) =>
        r.severity && (!a || Severity.options.indexOf(r.severity) > Severity.options.indexOf(a))
          ? r.severity
          : a,
      null,
    ),
    tlp: strictest(
      Tlp.options,
      'amber',
      reports.map((r) => r.tlp),
    ),
    pap: strictest(
      Pap.options,
      'amber',
      reports.map((r) => r.pap),
    ),
  });
  const client = useQueryClient();
  const navigate = useNavigate();
  const create = useMutation({
    mutationFn: () =>
      api<Incident>('POST', '/api/v1/incidents', {
        title: form.title,
        summary: form.summary,
        reportIds: reports.map((r) => r.id),
        ...(form.severity ? { severity: form.severity } : {}),
        tlp: form.tlp,
        pap: form.pap,
      }),
    onSuccess: (incident) => {
      client.setQueryData(incidentKeys.one(incident.key), incident);
      onClose();
      void navigate(`/incidents/${incident.key}`);
      // The reports left the inbox; refreshing it after leaving keeps the dialog from emptying itself.
      void client.invalidateQueries({ queryKey: ['reports'] });
      for (const r of reports) void client.invalidateQueries({ queryKey: ['report', r.id] });
      void client.invalidateQueries({ queryKey: incidentKeys.lists });
    },
  });
  const errors = create.error instanceof ApiError ? create.error.fieldErrors() : {};
  const set =
    <K extends keyof typeof form>(key: K) =>
    (value: (typeof form)[K]) =>
      setForm((f) => ({ ...f, [key]: value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm" c="dimmed">
          {reports.length === 1
            ? 'From the report; it is linked to the new incident and leaves the inbox.'
            : `From ${reports.length} reports; all are linked to the new incident and leave the inbox.`}
        </Text>
        <TextInput
          label="Title"
          required
          value={form.title}
          error={errors.title}
          onChange={(e) => set('title')(e.currentTarget.value)}
          data-autofocus
        />
        <SimpleGrid cols={3}>
          <Select
            label="Severity"
            description="With the constituency's criticality, sets the priority"
            placeholder="Not yet known"
            data={Severity.options}
            value={form.severity}
            onChange={(v) => set('severity')(v)}
          />
          <Select
            label="TLP"
            description="At least as strict as the reports"
            data={Tlp.options}
            value={form.tlp}
            allowDeselect={false}
            onChange={(v) => v && set('tlp')(v)}
          />
          <Select
            label="PAP"
            data={Pap.options}
            value={form.pap}
            allowDeselect={false}
            onChange={(v) => v && set('pap')(v)}
          />
        </SimpleGrid>
        <Textarea
          label="Summary"
          autosize
          minRows={2}
          maxRows={8}
          value={form.summary}
          onChange={(e) => set('summary')(e.currentTarget.value)}
        />
        {create.error && !errors.title && <ErrorAlert error={create.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending} disabled={!form.title.trim()}>
            Open incident
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
