import { Button, Radio, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../lib/api-client.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { AttachmentPicker } from './attachment-picker.tsx';
import { attachmentProblem, type AttachmentLimits } from './attachment-limits.ts';
import { submitPublicReport, type ReportFormFields } from './public-report-api.ts';
import { ReportFormTrap } from './report-form-trap.tsx';

const blank: ReportFormFields = {
  name: '',
  email: '',
  organisation: '',
  title: '',
  description: '',
  tlp: 'amber',
  website: '',
};

const sharing = [
  { value: 'red', label: 'Only the people handling it', description: 'TLP:RED' },
  {
    value: 'amber',
    label: 'Also those who need it to help fix it',
    description: 'TLP:AMBER (the usual choice)',
  },
  { value: 'green', label: 'Others in our community', description: 'TLP:GREEN' },
  { value: 'clear', label: 'Anyone', description: 'TLP:CLEAR' },
];

/** The constituent's report: who they are, what happened, files; every server issue shown by its field. */
export function ReportForm({
  limits,
  onSent,
}: {
  limits: AttachmentLimits;
  onSent: (reference: string) => void;
}) {
  const [fields, setFields] = useState(blank);
  const [files, setFiles] = useState<File[]>([]);
  const send = useMutation({
    mutationFn: () => submitPublicReport(fields, files),
    onSuccess: (receipt) => onSent(receipt.reference),
  });
  const errors = send.error instanceof ApiError ? send.error.fieldErrors() : {};
  const fileError = Object.entries(errors).find(([path]) => path.startsWith('attachments'))?.[1];
  const field = (name: keyof ReportFormFields) => ({
    value: fields[name],
    error: errors[name],
    onChange: (e: { currentTarget: { value: string } }) => {
      const value = e.currentTarget.value;
      setFields((f) => ({ ...f, [name]: value }));
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    send.mutate();
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {send.error && !Object.keys(errors).length && <ErrorAlert error={send.error} title="Not sent" />}
        <TextInput label="Your name" autoComplete="name" required maxLength={100} {...field('name')} />
        <TextInput
          label="Your e-mail"
          type="email"
          autoComplete="email"
          required
          maxLength={254}
          {...field('email')}
        />
        <TextInput
          label="Organisation"
          autoComplete="organization"
          maxLength={100}
          {...field('organisation')}
        />
        <TextInput
          label="Title"
          description="One line: what happened?"
          required
          maxLength={300}
          {...field('title')}
        />
        <Textarea
          label="What happened"
          description="When you noticed it, what you saw, and any addresses, links or messages involved."
          required
          autosize
          minRows={6}
          maxLength={20_000}
          {...field('description')}
        />
        <Radio.Group
          label="Who may see this report?"
          value={fields.tlp}
          onChange={(tlp) => setFields((f) => ({ ...f, tlp }))}
          error={errors.tlp}
        >
          <Stack gap={6} mt={6}>
            {sharing.map((s) => (
              <Radio key={s.value} value={s.value} label={s.label} description={s.description} />
            ))}
          </Stack>
        </Radio.Group>
        <AttachmentPicker files={files} onChange={setFiles} limits={limits} error={fileError} />
        <ReportFormTrap
          value={fields.website}
          onChange={(website) => setFields((f) => ({ ...f, website }))}
        />
        <Button type="submit" loading={send.isPending} disabled={attachmentProblem(files, limits) !== null}>
          Send report
        </Button>
      </Stack>
    </form>
  );
}
