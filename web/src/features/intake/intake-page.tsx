import { Badge, Button, Code, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { FingerprintRule } from '#contracts/telemetry.ts';
import type { SavedWebhookSource, WebhookSource } from '#contracts/webhooks.ts';
import { api } from '../../lib/api-client.ts';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { LocalTime } from '../../ui/local-time.tsx';
import { RowActions } from '../../ui/row-actions.tsx';
import { CorrelationRulesSection } from './correlation-rules-section.tsx';
import { FingerprintRuleDialog } from './fingerprint-rule-dialog.tsx';
import { formatWindow, rotationOf, webhookPath } from './intake-forms.ts';
import { intakeKeys } from './intake-keys.ts';
import { MailboxesSection } from './mailboxes-section.tsx';
import { WebhookSecret } from './webhook-secret.tsx';
import { WebhookSourceDialog } from './webhook-source-dialog.tsx';

/** Admin › Intake: fingerprint rules of the telemetry sources and the generic webhook sources. The open editor lives in the URL. */
export function IntakePage() {
  const [params, setParams] = useSearchParams();
  const open = (key: 'rule' | 'webhook', value: string | null) => {
    const next = new URLSearchParams(params);
    next.delete('rule');
    next.delete('webhook');
    if (value) next.set(key, value);
    setParams(next);
  };
  return (
    <Stack gap="xl">
      <Title order={2}>Intake</Title>
      <FingerprintRules editing={params.get('rule')} onEdit={(s) => open('rule', s)} />
      <WebhookSources editing={params.get('webhook')} onEdit={(s) => open('webhook', s)} />
      <CorrelationRulesSection />
      <MailboxesSection />
    </Stack>
  );
}

function FingerprintRules({
  editing,
  onEdit,
}: {
  editing: string | null;
  onEdit: (s: string | null) => void;
}) {
  const rules = useQuery({
    queryKey: intakeKeys.rules,
    queryFn: () => api<{ items: FingerprintRule[] }>('GET', '/api/v1/intake/fingerprint-rules'),
  });
  const selected = rules.data?.items.find((r) => r.source === editing) ?? null;
  return (
    <Stack gap="sm">
      <Title order={3}>Fingerprint rules</Title>
      <Text size="sm" c="dimmed">
        Repeated alerts of a telemetry source with the same values in these fields, each within the window of
        the last, count on one report instead of opening new ones.
      </Text>
      <ErrorAlert error={rules.error} title="Could not load fingerprint rules" />
      <Table striped highlightOnHover aria-label="Fingerprint rules">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Source</Table.Th>
            <Table.Th>Fields</Table.Th>
            <Table.Th>Window</Table.Th>
            <Table.Th>Changed</Table.Th>
            <Table.Th aria-label="Actions" />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rules.data?.items.map((r) => (
            <Table.Tr key={r.source}>
              <Table.Td ff="monospace">{r.source}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {r.fields.map((f) => (
                    <Badge key={f} variant="light" color="gray" tt="none" ff="monospace">
                      {f}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>{formatWindow(r.windowSeconds)}</Table.Td>
              <Table.Td>
                <LocalTime iso={r.updatedAt} size="xs" />{' '}
                <Text size="xs" c="dimmed" span>
                  by {r.updatedBy}
                </Text>
              </Table.Td>
              <Table.Td>
                <Button
                  size="compact-xs"
                  variant="light"
                  onClick={() => onEdit(r.source)}
                  aria-label={`Edit rule of ${r.source}`}
                >
                  Edit
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <FingerprintRuleDialog rule={selected} onClose={() => onEdit(null)} />
    </Stack>
  );
}

function WebhookSources({ editing, onEdit }: { editing: string | null; onEdit: (s: string | null) => void }) {
  const client = useQueryClient();
  const [issued, setIssued] = useState<SavedWebhookSource | null>(null);
  const [rotating, setRotating] = useState<WebhookSource | null>(null);
  const [deleting, setDeleting] = useState<WebhookSource | null>(null);
  const sources = useQuery({
    queryKey: intakeKeys.webhooks,
    queryFn: () => api<{ items: WebhookSource[] }>('GET', '/api/v1/intake/webhooks'),
  });
  const refresh = () => client.invalidateQueries({ queryKey: intakeKeys.webhooks });
  const rotate = useMutation({
    mutationFn: (s: WebhookSource) =>
      api<SavedWebhookSource>('PUT', webhookPath(encodeURIComponent(s.source)), rotationOf(s)),
    onSuccess: async (saved) => {
      setRotating(null);
      setIssued(saved);
      await refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (s: WebhookSource) => api<void>('DELETE', webhookPath(encodeURIComponent(s.source))),
    onSuccess: async (_, s) => {
      setDeleting(null);
      if (issued?.source === s.source) setIssued(null);
      await refresh();
    },
  });
  const selected =
    editing === 'new' ? 'new' : (sources.data?.items.find((s) => s.source === editing) ?? null);

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={3}>Webhook sources</Title>
        <Button onClick={() => onEdit('new')}>New webhook source</Button>
      </Group>
      <Text size="sm" c="dimmed">
        Any tool that can post JSON: each source has its own URL, field mapping and credential.
      </Text>
      {issued && <WebhookSecret saved={issued} onDone={() => setIssued(null)} />}
      <ErrorAlert error={sources.error} title="Could not load webhook sources" />
      {sources.data?.items.length === 0 ? (
        <EmptyState
          title="No webhook sources yet"
          action={
            <Button variant="light" onClick={() => onEdit('new')}>
              New webhook source
            </Button>
          }
        >
          Add one for each tool that should open reports, say where its events hold the title, severity and
          observables, and give the tool the token shown once.
        </EmptyState>
      ) : (
        <Table striped highlightOnHover aria-label="Webhook sources">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Source</Table.Th>
              <Table.Th>URL</Table.Th>
              <Table.Th>Title from</Table.Th>
              <Table.Th>Authentication</Table.Th>
              <Table.Th>Grouping</Table.Th>
              <Table.Th>Changed</Table.Th>
              <Table.Th aria-label="Actions" />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sources.data?.items.map((s) => (
              <Table.Tr key={s.source}>
                <Table.Td ff="monospace">{s.source}</Table.Td>
                <Table.Td>
                  <Code>{webhookPath(s.source)}</Code>
                </Table.Td>
                <Table.Td ff="monospace">{s.mapping.title}</Table.Td>
                <Table.Td>
                  {s.auth.kind === 'token' ? (
                    <Text size="sm">
                      Token <Code>{s.auth.tokenPrefix}…</Code>
                    </Text>
                  ) : (
                    <Text size="sm">
                      HMAC in <Code>{s.auth.header}</Code>
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {s.fingerprint ? (
                    <Text size="sm">
                      {s.fingerprint.fields.join(', ')} · {formatWindow(s.fingerprint.windowSeconds)}
                    </Text>
                  ) : (
                    <Text size="sm" c="dimmed">
                      by event id only
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <LocalTime iso={s.updatedAt} size="xs" />
                </Table.Td>
                <Table.Td>
                  <RowActions
                    actions={[
                      { label: 'Edit', ariaLabel: `Edit ${s.source}`, onClick: () => onEdit(s.source) },
                      {
                        label: 'Rotate',
                        ariaLabel: `Rotate credential of ${s.source}`,
                        color: 'orange',
                        onClick: () => setRotating(s),
                      },
                      {
                        label: 'Delete',
                        ariaLabel: `Delete ${s.source}`,
                        color: 'red',
                        onClick: () => setDeleting(s),
                      },
                    ]}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <WebhookSourceDialog
        source={selected}
        onClose={() => onEdit(null)}
        onSaved={(saved) => {
          if (saved.secret !== null) setIssued(saved);
          onEdit(null);
        }}
      />
      <ConfirmDialog
        opened={rotating !== null}
        title={`Rotate the ${rotating?.auth.kind === 'hmac' ? 'secret' : 'token'} of “${rotating?.source ?? ''}”?`}
        confirmLabel="Rotate"
        loading={rotate.isPending}
        error={rotate.error}
        onConfirm={() => rotating && rotate.mutate(rotating)}
        onCancel={() => {
          setRotating(null);
          rotate.reset();
        }}
      >
        A new credential is issued and shown once; posts with the current one are refused from now on, until
        the sending tool has the new one.
      </ConfirmDialog>
      <ConfirmDialog
        opened={deleting !== null}
        title={`Delete the webhook source “${deleting?.source ?? ''}”?`}
        confirmLabel="Delete"
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() => deleting && remove.mutate(deleting)}
        onCancel={() => {
          setDeleting(null);
          remove.reset();
        }}
      >
        Its URL stops accepting posts at once. The reports it already opened stay.
      </ConfirmDialog>
    </Stack>
  );
}
