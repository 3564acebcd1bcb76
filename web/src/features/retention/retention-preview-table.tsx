import { Anchor, Badge, Button, Group, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { RetentionAction, RetentionRunResult } from '#contracts/retention.ts';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { LocalTime } from '../../ui/local-time.tsx';
import { useRetentionPreview, useRunRetention } from './retention-queries.ts';

const actionBadge: Record<RetentionAction, { label: string; color: string }> = {
  archive: { label: 'Archive', color: 'blue' },
  destroy: { label: 'Destroy', color: 'red' },
  skip_hold: { label: 'Skipped: legal hold', color: 'yellow' },
};

/** The dry run: what a run now would do and why, with "Run now". */
export function RetentionPreviewTable({ onRun }: { onRun: (result: RetentionRunResult) => void }) {
  const preview = useRetentionPreview();
  const [confirming, setConfirming] = useState(false);
  const run = useRunRetention((result) => {
    setConfirming(false);
    onRun(result);
  });
  const items = preview.data?.items ?? [];
  const destroying = items.filter((i) => i.action === 'destroy').length;
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Title order={3}>Preview (dry run)</Title>
        <Group gap="xs">
          <Button
            size="xs"
            variant="default"
            onClick={() => void preview.refetch()}
            loading={preview.isFetching}
          >
            Refresh
          </Button>
          <Button size="xs" color="red" disabled={items.length === 0} onClick={() => setConfirming(true)}>
            Run now
          </Button>
        </Group>
      </Group>
      <ErrorAlert error={preview.error} title="Could not compute the preview" />
      {preview.isPending && <Skeleton h={60} />}
      {preview.data && items.length === 0 && (
        <Text size="sm" c="dimmed">
          Nothing is due as of <LocalTime iso={preview.data.at} />.
        </Text>
      )}
      {items.length > 0 && (
        <Table striped aria-label="Retention preview">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Incident</Table.Th>
              <Table.Th>Action</Table.Th>
              <Table.Th>Why</Table.Th>
              <Table.Th>Closed</Table.Th>
              <Table.Th>Due since</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((i) => (
              <Table.Tr key={i.incidentKey}>
                <Table.Td>
                  <Anchor component={Link} to={`/incidents/${i.incidentKey}`} ff="monospace" size="sm">
                    {i.incidentKey}
                  </Anchor>{' '}
                  <Text span size="sm">
                    {i.title}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge color={actionBadge[i.action].color} variant="light">
                    {actionBadge[i.action].label}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{i.reason}</Text>
                  <Text size="xs" c="dimmed">
                    Policy “{i.policyName}”{i.typeId ? ` · ${i.typeId}` : ''}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <LocalTime iso={i.closedAt} />
                </Table.Td>
                <Table.Td>
                  <LocalTime iso={i.dueAt} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <ConfirmDialog
        opened={confirming}
        title="Run retention now"
        confirmLabel={destroying ? `Destroy ${destroying} incident(s)` : 'Run'}
        loading={run.isPending}
        error={run.error}
        onCancel={() => setConfirming(false)}
        onConfirm={() => run.mutate()}
      >
        {destroying
          ? `${destroying} incident(s) will be destroyed: their content deleted and their keys shredded. This cannot be undone, not even from a backup.`
          : 'The incidents listed will be archived.'}
      </ConfirmDialog>
    </Stack>
  );
}
