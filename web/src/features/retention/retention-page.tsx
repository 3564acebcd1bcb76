import { Alert, Anchor, Badge, Button, Group, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { RetentionPolicy, RetentionRunResult } from '#contracts/retention.ts';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { LocalTime } from '../../ui/local-time.tsx';
import { PolicyEditor } from './policy-editor.tsx';
import { RetentionPreviewTable } from './retention-preview-table.tsx';
import { TombstonesTable } from './tombstones-table.tsx';
import { usePolicyMutation, useRetentionPolicies } from './retention-queries.ts';

const any = (v: string | null, label: string) =>
  v ?? (
    <Text span c="dimmed" size="sm">
      {label}
    </Text>
  );

/** Admin › Retention: the policies, the dry run with "Run now", and what was destroyed. */
export function RetentionPage() {
  const policies = useRetentionPolicies();
  const [editing, setEditing] = useState<{ policy: RetentionPolicy | null } | null>(null);
  const [deleting, setDeleting] = useState<RetentionPolicy | null>(null);
  const [lastRun, setLastRun] = useState<RetentionRunResult | null>(null);
  const remove = usePolicyMutation(() => setDeleting(null));
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Retention</Title>
        <Button onClick={() => setEditing({ policy: null })}>New policy</Button>
      </Group>
      <Text size="sm" c="dimmed">
        Closed incidents are archived and, after the legal retention period, destroyed: their content is
        deleted and their encryption keys shredded, leaving a tombstone. The most specific policy applies
        (type over class over any; then a constituency&apos;s own over the general one). Incidents on legal
        hold are never destroyed. A job runs this every night at 02:30.
      </Text>
      <ErrorAlert error={policies.error} title="Could not load the policies" />
      {policies.isPending && <Skeleton h={80} />}
      {policies.data && policies.data.length === 0 && (
        <EmptyState title="No retention policy">
          Nothing is archived or destroyed until a policy exists.
        </EmptyState>
      )}
      {policies.data && policies.data.length > 0 && (
        <Table striped aria-label="Retention policies">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Classification</Table.Th>
              <Table.Th>Constituency</Table.Th>
              <Table.Th>Archive after</Table.Th>
              <Table.Th>Destroy after</Table.Th>
              <Table.Th>Changed</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {policies.data.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>{p.name}</Table.Td>
                <Table.Td>{p.typeId ?? any(p.taxonomyClass, 'any')}</Table.Td>
                <Table.Td>{any(p.constituencyId, 'any')}</Table.Td>
                <Table.Td>{p.archiveAfterDays === null ? '—' : `${p.archiveAfterDays} days`}</Table.Td>
                <Table.Td>
                  {p.destroyAfterMonths === null ? (
                    '—'
                  ) : (
                    <Badge color="red" variant="light">
                      {p.destroyAfterMonths} months
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <LocalTime iso={p.updatedAt} />{' '}
                  <Text span size="xs" c="dimmed">
                    {p.updatedBy}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" justify="flex-end" wrap="nowrap">
                    <Button size="xs" variant="default" onClick={() => setEditing({ policy: p })}>
                      Edit
                    </Button>
                    <Button size="xs" variant="subtle" color="red" onClick={() => setDeleting(p)}>
                      Delete
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {lastRun && (
        <Alert color="green" title="Retention run finished" withCloseButton onClose={() => setLastRun(null)}>
          Archived {lastRun.archived.length}, destroyed {lastRun.destroyed.length}
          {lastRun.destroyed.length > 0 && ` (${lastRun.destroyed.join(', ')})`}, skipped on legal hold{' '}
          {lastRun.skipped.length}.
        </Alert>
      )}
      <RetentionPreviewTable onRun={setLastRun} />
      <TombstonesTable />
      <Text size="sm" c="dimmed">
        Every policy change, hold, archive and destruction is recorded in the{' '}
        <Anchor component={Link} to="/admin/audit">
          audit log
        </Anchor>
        .
      </Text>
      <PolicyEditor policy={editing?.policy ?? null} opened={!!editing} onClose={() => setEditing(null)} />
      <ConfirmDialog
        opened={!!deleting}
        title={`Delete ${deleting?.name ?? ''}`}
        confirmLabel="Delete"
        loading={remove.isPending}
        error={remove.error}
        onCancel={() => setDeleting(null)}
        onConfirm={() =>
          deleting && remove.mutate({ method: 'DELETE', path: `/api/v1/retention/policies/${deleting.id}` })
        }
      >
        Incidents it covers fall back to a more general policy, or to none.
      </ConfirmDialog>
    </Stack>
  );
}
