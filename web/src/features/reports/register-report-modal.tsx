import { Button, Group, Modal, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Tlp } from '#contracts/identity.ts';
import { Channel, Pap, TrustLevel, type Report } from '#contracts/reports.ts';
import { api, ApiError } from '../../lib/api-client.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';

const blank = {
  channel: 'email',
  reporterKind: 'person',
  reporterName: '',
  reporterContact: '',
  trust: 'unknown',
  title: '',
  body: '',
  tlp: 'amber',
  pap: 'amber',
};

/** The ENISA registration form, for reports taken by phone, e-mail or in person. */
export function RegisterReportModal({
  opened,
  onClose,
  onRegistered,
}: {
  opened: boolean;
  onClose: () => void;
  onRegistered: (id: string) => void;
}) {
  const [form, setForm] = useState(blank);
  const client = useQueryClient();
  const register = useMutation({
    mutationFn: () =>
      api<Report>('POST', '/api/v1/reports', {
        channel: form.channel,
        reporter: {
          kind: form.reporterKind,
          name: form.reporterName,
          contact: form.reporterContact,
          trust: form.trust,
        },
        title: form.title,
        body: form.body,
        tlp: form.tlp,
        pap: form.pap,
      }),
    onSuccess: async (report) => {
      await client.invalidateQueries({ queryKey: ['reports'] });
      setForm(blank);
      onClose();
      onRegistered(report.id);
    },
  });
  const errors = register.error instanceof ApiError ? register.error.fieldErrors() : {};
  const set = (key: keyof typeof blank) => (value: string | null) =>
    setForm((f) => ({ ...f, [key]: value ?? f[key] }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    register.mutate();
  };
  return (
    <Modal opened={opened} onClose={onClose} title="Register report" size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          {register.error && !Object.keys(errors).length && <ErrorAlert error={register.error} />}
          <TextInput
            label="Title"
            required
            value={form.title}
            error={errors.title}
            onChange={(e) => set('title')(e.currentTarget.value)}
          />
          <SimpleGrid cols={3}>
            <Select
              label="Channel"
              data={Channel.options}
              value={form.channel}
              onChange={set('channel')}
              allowDeselect={false}
            />
            <Select
              label="TLP"
              data={Tlp.options}
              value={form.tlp}
              onChange={set('tlp')}
              allowDeselect={false}
            />
            <Select
              label="PAP"
              data={Pap.options}
              value={form.pap}
              onChange={set('pap')}
              allowDeselect={false}
            />
          </SimpleGrid>
          <SimpleGrid cols={2}>
            <TextInput
              label="Reporter"
              required
              value={form.reporterName}
              error={errors['reporter.name']}
              onChange={(e) => set('reporterName')(e.currentTarget.value)}
            />
            <TextInput
              label="Reporter contact"
              value={form.reporterContact}
              onChange={(e) => set('reporterContact')(e.currentTarget.value)}
            />
            <Select
              label="Reporter is a"
              data={['person', 'organisation', 'tool']}
              value={form.reporterKind}
              onChange={set('reporterKind')}
              allowDeselect={false}
            />
            <Select
              label="Trust in reporter"
              data={TrustLevel.options}
              value={form.trust}
              onChange={set('trust')}
              allowDeselect={false}
            />
          </SimpleGrid>
          <Textarea
            label="Report"
            description="What was reported, as received; addresses, domains, URLs and hashes are extracted (defanged forms too)"
            autosize
            minRows={6}
            maxRows={16}
            value={form.body}
            error={errors.body}
            onChange={(e) => set('body')(e.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={register.isPending}>
              Register
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
