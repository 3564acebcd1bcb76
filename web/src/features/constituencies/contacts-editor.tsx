import {
  ActionIcon,
  Button,
  Checkbox,
  Fieldset,
  Group,
  Select,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import type { Contact } from '#contracts/constituencies.ts';
import { monospaceInput } from '../../ui/monospace.ts';

const empty: Contact = {
  name: '',
  role: '',
  email: '',
  language: 'en',
  audience: 'technical',
  pgpKey: '',
  mayDisclose: false,
};

export function ContactsEditor({
  contacts,
  onChange,
  readOnly,
  errors,
}: {
  contacts: Contact[];
  onChange: (contacts: Contact[]) => void;
  readOnly: boolean;
  errors: Record<string, string>;
}) {
  const update = (i: number, patch: Partial<Contact>) =>
    onChange(contacts.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  return (
    <Stack gap="xs">
      {contacts.map((c, i) => (
        <Fieldset key={i} legend={`Contact ${i + 1}`}>
          <Group grow align="flex-start">
            <TextInput
              label="Name"
              required
              readOnly={readOnly}
              value={c.name}
              error={errors[`contacts.${i}.name`]}
              onChange={(e) => update(i, { name: e.currentTarget.value })}
            />
            <TextInput
              label="Role"
              readOnly={readOnly}
              value={c.role}
              onChange={(e) => update(i, { role: e.currentTarget.value })}
            />
            <TextInput
              label="E-mail"
              required
              readOnly={readOnly}
              value={c.email}
              error={errors[`contacts.${i}.email`]}
              onChange={(e) => update(i, { email: e.currentTarget.value })}
            />
          </Group>
          <Group grow align="flex-start" mt="xs">
            <TextInput
              label="Language"
              readOnly={readOnly}
              value={c.language}
              error={errors[`contacts.${i}.language`]}
              onChange={(e) => update(i, { language: e.currentTarget.value })}
            />
            <Select
              label="Audience"
              data={[
                { value: 'technical', label: 'Technical' },
                { value: 'descriptive', label: 'Descriptive (management)' },
              ]}
              readOnly={readOnly}
              allowDeselect={false}
              value={c.audience}
              onChange={(v) => update(i, { audience: v ?? 'technical' })}
            />
          </Group>
          <Textarea
            mt="xs"
            label="OpenPGP public key"
            styles={monospaceInput}
            autosize
            maxRows={6}
            readOnly={readOnly}
            value={c.pgpKey}
            error={errors[`contacts.${i}.pgpKey`]}
            onChange={(e) => update(i, { pgpKey: e.currentTarget.value })}
          />
          <Group justify="space-between" mt="xs">
            <Checkbox
              label="Identity may be disclosed to third parties"
              disabled={readOnly}
              checked={c.mayDisclose}
              onChange={(e) => update(i, { mayDisclose: e.currentTarget.checked })}
            />
            {!readOnly && (
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={`Remove contact ${i + 1}`}
                onClick={() => onChange(contacts.filter((_, j) => j !== i))}
              >
                ×
              </ActionIcon>
            )}
          </Group>
        </Fieldset>
      ))}
      {!readOnly && (
        <Button
          variant="light"
          onClick={() => onChange([...contacts, empty])}
          style={{ alignSelf: 'flex-start' }}
        >
          Add contact
        </Button>
      )}
    </Stack>
  );
}
