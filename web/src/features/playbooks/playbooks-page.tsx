import { Badge, Button, Card, Group, List, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { Playbook } from '#contracts/playbooks.ts';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { partyLabel, stepLabel } from '../tasks/task-labels.ts';
import { PlaybookEditor } from './playbook-editor.tsx';
import { usePlaybookMutation, usePlaybooks } from './playbook-queries.ts';

/** Admin: the checklists that become an incident's tasks when it is classified. */
export function PlaybooksPage() {
  const playbooks = usePlaybooks();
  const [editing, setEditing] = useState<{ playbook: Playbook | null } | null>(null);
  const [deleting, setDeleting] = useState<Playbook | null>(null);
  const remove = usePlaybookMutation(() => setDeleting(null));
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Playbooks</Title>
        <Button onClick={() => setEditing({ playbook: null })}>New playbook</Button>
      </Group>
      <Text size="sm" c="dimmed">
        Classifying an incident adds the items of the playbook for its type (or its class) as tasks of the
        current cycle; reclassifying adds the new playbook&apos;s missing items and removes nothing.
      </Text>
      <ErrorAlert error={playbooks.error} title="Could not load the playbooks" />
      {playbooks.isPending && <Skeleton h={120} />}
      {playbooks.data?.map((p) => (
        <Card key={p.id} withBorder padding="sm" role="article" aria-label={`Playbook ${p.name}`}>
          <Group justify="space-between" align="flex-start">
            <Stack gap={4}>
              <Text fw={600}>{p.name}</Text>
              <Group gap={4}>
                {p.taxonomyIds.map((t) => (
                  <Badge key={t} size="xs" variant="light">
                    {t}
                  </Badge>
                ))}
              </Group>
            </Stack>
            <Group gap="xs">
              <Button size="xs" variant="default" onClick={() => setEditing({ playbook: p })}>
                Edit
              </Button>
              <Button size="xs" variant="subtle" color="red" onClick={() => setDeleting(p)}>
                Delete
              </Button>
            </Group>
          </Group>
          <List size="sm" mt="xs" type="ordered">
            {p.items.map((i) => (
              <List.Item key={i.id}>
                {i.title}{' '}
                <Text span size="xs" c="dimmed">
                  ({stepLabel[i.step]}, {partyLabel[i.partyKind]}
                  {i.requiresApproval ? ', needs approval' : ''})
                </Text>
              </List.Item>
            ))}
          </List>
        </Card>
      ))}
      <PlaybookEditor
        playbook={editing?.playbook ?? null}
        opened={!!editing}
        onClose={() => setEditing(null)}
      />
      <ConfirmDialog
        opened={!!deleting}
        title={`Delete ${deleting?.name ?? ''}`}
        confirmLabel="Delete"
        loading={remove.isPending}
        error={remove.error}
        onCancel={() => setDeleting(null)}
        onConfirm={() =>
          deleting && remove.mutate({ method: 'DELETE', path: `/api/v1/playbooks/${deleting.id}` })
        }
      >
        Incidents classified later get no tasks from it; tasks it already created stay.
      </ConfirmDialog>
    </Stack>
  );
}
