import { ActionIcon, Button, Divider, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { ObservableType } from '#contracts/observables.ts';
import { Severity } from '#contracts/reports.ts';
import { errorsUnder } from './fingerprint-fields.tsx';
import type { WebhookDraft } from './intake-forms.ts';
import { monospaceInput } from '../../ui/monospace.ts';

/** The field mapping of a webhook source: body format, title, id, time, severity and observable paths. */
export function WebhookMappingFields({
  draft,
  set,
  errors,
}: {
  draft: WebhookDraft;
  set: <K extends keyof WebhookDraft>(key: K) => (value: WebhookDraft[K]) => void;
  /** The server's complaints by field path (`mapping.title`…). */
  errors: Record<string, string>;
}) {
  return (
    <>
      <Divider />
      <Title order={4}>Field mapping</Title>
      <Select
        label="Body format"
        data={[
          { value: 'json', label: 'JSON: an object, an array, or JSON lines' },
          { value: 'syslog', label: 'Log lines: syslog, CEF, LEEF, key=value (one event per line)' },
        ]}
        value={draft.format}
        onChange={(v) => v && set('format')(v)}
        allowDeselect={false}
      />
      <Text size="sm" c="dimmed">
        {draft.format === 'json'
          ? 'Where each report field is in a posted event, as dotted JSON paths (e.g. alert.name).'
          : 'A log line is read into message, syslog.host, syslog.timestamp…, cef.name, cef.severity…, ' +
            'leef.eventId…, fields.src… (CEF, LEEF, JSON or key=value messages) and columns.0… (CSV).'}
      </Text>
      <TextInput
        label="Title path"
        description="Several paths separated by commas are tried in order"
        required
        placeholder={draft.format === 'json' ? 'alert.name' : 'cef.name, message'}
        value={draft.title}
        onChange={(e) => set('title')(e.currentTarget.value)}
        error={Object.entries(errors).find(([k]) => k.startsWith('mapping.title'))?.[1]}
        styles={monospaceInput}
      />
      <Group grow align="flex-start">
        <TextInput
          label="Event id path (sourceRef)"
          description="A repeated id counts on the first report"
          placeholder="id"
          value={draft.sourceRef}
          onChange={(e) => set('sourceRef')(e.currentTarget.value)}
          error={errors['mapping.sourceRef']}
          styles={monospaceInput}
        />
        <TextInput
          label="Received-at path"
          description="ISO 8601 or epoch seconds/milliseconds; time of arrival when empty"
          placeholder="at"
          value={draft.receivedAt}
          onChange={(e) => set('receivedAt')(e.currentTarget.value)}
          error={errors['mapping.receivedAt']}
          styles={monospaceInput}
        />
      </Group>
      <TextInput
        label="Severity path"
        description="Optional. Without a value map, low, medium, high and critical are taken as sent"
        placeholder="alert.level"
        value={draft.severityPath}
        onChange={(e) => set('severityPath')(e.currentTarget.value)}
        error={errors['mapping.severity.path']}
        styles={monospaceInput}
      />
      {draft.severityPath.trim() && (
        <Stack gap="xs" pl="md">
          {draft.severityValues.map((row, i) => (
            <Group key={i} gap="xs" align="flex-start">
              <TextInput
                aria-label={`Source value ${i + 1}`}
                placeholder="P1"
                value={row.value}
                onChange={(e) => {
                  const value = e.currentTarget.value;
                  set('severityValues')(draft.severityValues.map((r, j) => (j === i ? { ...r, value } : r)));
                }}
                error={errors[`mapping.severity.values.${row.value.trim()}`]}
                styles={monospaceInput}
              />
              <Text size="sm" mt={6}>
                means
              </Text>
              <Select
                aria-label={`Severity for value ${i + 1}`}
                data={Severity.options}
                value={row.severity}
                allowDeselect={false}
                onChange={(v) =>
                  set('severityValues')(
                    draft.severityValues.map((r, j) =>
                      j === i ? { ...r, severity: v as typeof r.severity } : r,
                    ),
                  )
                }
                w={130}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                mt={4}
                aria-label={`Remove value ${i + 1}`}
                onClick={() => set('severityValues')(draft.severityValues.filter((_, j) => j !== i))}
              >
                ×
              </ActionIcon>
            </Group>
          ))}
          {errorsUnder(errors, 'mapping.severity.values') && (
            <Text size="xs" c="red">
              {errorsUnder(errors, 'mapping.severity.values')}
            </Text>
          )}
          <Group>
            <Button
              size="compact-sm"
              variant="light"
              onClick={() =>
                set('severityValues')([...draft.severityValues, { value: '', severity: 'medium' }])
              }
            >
              Add severity value
            </Button>
          </Group>
        </Stack>
      )}

      <Stack gap="xs">
        <Text size="sm" fw={500}>
          Observables
        </Text>
        <Text size="xs" c="dimmed">
          A path may hold one value or an array; values that are no valid observable are skipped.
        </Text>
        {draft.observables.map((row, i) => (
          <Group key={i} gap="xs" align="flex-start">
            <Select
              aria-label={`Observable type ${i + 1}`}
              data={ObservableType.options}
              value={row.type}
              allowDeselect={false}
              onChange={(v) =>
                set('observables')(
                  draft.observables.map((r, j) => (j === i ? { ...r, type: v as typeof r.type } : r)),
                )
              }
              w={130}
              error={errors[`mapping.observables.${i}.type`]}
            />
            <TextInput
              aria-label={`Observable path ${i + 1}`}
              placeholder="host.ip"
              value={row.path}
              onChange={(e) => {
                const path = e.currentTarget.value;
                set('observables')(draft.observables.map((r, j) => (j === i ? { ...r, path } : r)));
              }}
              error={errors[`mapping.observables.${i}.path`]}
              styles={monospaceInput}
              style={{ flex: 1 }}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              mt={4}
              aria-label={`Remove observable ${i + 1}`}
              onClick={() => set('observables')(draft.observables.filter((_, j) => j !== i))}
            >
              ×
            </ActionIcon>
          </Group>
        ))}
        {errors['mapping.observables'] && (
          <Text size="xs" c="red">
            {errors['mapping.observables']}
          </Text>
        )}
        <Group>
          <Button
            size="compact-sm"
            variant="light"
            disabled={draft.observables.length >= 50}
            onClick={() => set('observables')([...draft.observables, { type: 'ipv4', path: '' }])}
          >
            Add observable
          </Button>
        </Group>
      </Stack>
    </>
  );
}
