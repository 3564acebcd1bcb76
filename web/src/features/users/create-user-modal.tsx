import { Button, Group, Modal, PasswordInput, Select, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Role, type User } from '#contracts/identity.ts';
import { api, ApiError } from '../../lib/api-client.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { usersKey } from './users-keys.ts';

const empty = { email: '', name: '', role: 'handler', password: '' };
type Field = keyof typeof empty;
const fields = Object.keys(empty) as Field[];

const roleHelp: Record<Role, string> = {
  admin: 'admin – also manages users and settings',
  lead: 'lead – a handler who also leads the team',
  handler: 'handler – works reports and incidents',
  viewer: 'viewer – reads only',
};

export function CreateUserModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [form, setForm] = useState(empty);
  const client = useQueryClient();
  const create = useMutation({
    mutationFn: () => api<User>('POST', '/api/v1/users', form),
    onSuccess: async (user) => {
      notifications.show({ color: 'green', message: `${user.email} can now sign in` });
      await client.invalidateQueries({ queryKey: usersKey });
      setForm(empty);
      onClose();
    },
  });
  // Field errors come from the server's problem+json; what was typed stays.
  const fieldErrors: Partial<Record<string, string>> =
    create.error instanceof ApiError ? create.error.fieldErrors() : {};
  if (create.error instanceof ApiError && create.error.problem.code === 'user_email_taken')
    fieldErrors.email ??= create.error.message;
  const shownOnFields = fields.some((f) => fieldErrors[f]);
  const set = (key: Field) => (value: string) => setForm((f) => ({ ...f, [key]: value }));
  const close = () => {
    create.reset();
    onClose();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };

  return (
    <Modal opened={opened} onClose={close} title="New user">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {create.error && !shownOnFields && <ErrorAlert error={create.error} title="User not created" />}
          <TextInput
            label="E-mail"
            type="email"
            autoComplete="off"
            required
            data-autofocus
            value={form.email}
            error={fieldErrors.email}
            onChange={(e) => set('email')(e.currentTarget.value)}
          />
          <TextInput
            label="Name"
            autoComplete="off"
            required
            value={form.name}
            error={fieldErrors.name}
            onChange={(e) => set('name')(e.currentTarget.value)}
          />
          <Select
            label="Role"
            required
            data={Role.options.map((r) => ({ value: r, label: roleHelp[r] }))}
            value={form.role}
            error={fieldErrors.role}
            onChange={(v) => set('role')(v ?? 'handler')}
            allowDeselect={false}
          />
          <PasswordInput
            label="Initial password"
            description="At least 12 characters; give it to the user over a separate channel"
            autoComplete="new-password"
            required
            value={form.password}
            error={fieldErrors.password}
            onChange={(e) => set('password')(e.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create user
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
