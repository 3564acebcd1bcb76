import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Improvement, Remediation } from '#contracts/lessons.ts';
import { api } from '../../lib/api-client.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { RowActions } from '../../ui/row-actions.tsx';
import { useAnalysis } from '../notes/note-queries.ts';
import { FollowUpModal } from './follow-up-modal.tsx';
import { FollowUpTable } from './follow-up-table.tsx';
import { followUpsPath, lessonKeys, useFollowUps, type FollowUpPath } from './lesson-queries.ts';

const texts = {
  improvements: {
    title: 'Improvement proposals',
    add: 'New proposal',
    intro: 'Changes to playbooks, procedures or the organisation that this incident calls for.',
  },
  remediations: {
    title: 'Remediation',
    add: 'New remediation item',
    intro: 'Vulnerabilities found in the root-cause analysis; tracked until fixed, also after closure.',
  },
};

/** The incident's improvement proposals or remediation items, with add, edit and delete. */
export function FollowUpSection({
  incidentKey,
  path,
  readOnly,
}: {
  incidentKey: string;
  path: FollowUpPath;
  readOnly: boolean;
}) {
  const list = useFollowUps<Improvement | Remediation>(incidentKey, path);
  const [editing, setEditing] = useState<Improvement | Remediation | null | 'new'>(null);
  const client = useQueryClient();
  const remove = useMutation({
    mutationFn: (item: Improvement | Remediation) =>
      api('DELETE', `${followUpsPath(incidentKey, path)}/${item.id}`, { version: item.version }),
    onSettled: () => client.invalidateQueries({ queryKey: lessonKeys.followUps(incidentKey, path) }),
  });
  const t = texts[path];
  // Remediation starts from the root cause: keep it in view while writing the items.
  const rootCause = useAnalysis(incidentKey).data?.rootCause;
  const items = list.data?.items ?? [];

  return (
    <Stack gap="sm" component="section" aria-label={t.title}>
      <Group justify="space-between">
        <Title order={4}>{t.title}</Title>
        {!readOnly && (
          <Button size="xs" onClick={() => setEditing('new')}>
            {t.add}
          </Button>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        {t.intro}
      </Text>
      {path === 'remediations' && rootCause && (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} aria-label="Root cause">
          <Text span fw={500}>
            Root cause:{' '}
          </Text>
          {rootCause}
        </Text>
      )}
      <ErrorAlert error={list.error ?? remove.error} onClose={remove.reset} />
      {items.length > 0 ? (
        <FollowUpTable
          label={t.title}
          items={items}
          actions={
            readOnly
              ? undefined
              : (item) => (
                  <RowActions
                    actions={[
                      { label: 'Edit', ariaLabel: `Edit ${item.title}`, onClick: () => setEditing(item) },
                      {
                        label: 'Delete',
                        ariaLabel: `Delete ${item.title}`,
                        color: 'red',
                        onClick: () => remove.mutate(item),
                      },
                    ]}
                  />
                )
          }
        />
      ) : (
        list.data && (
          <Text size="sm" c="dimmed">
            None yet.
          </Text>
        )
      )}
      {editing && (
        <FollowUpModal
          incidentKey={incidentKey}
          path={path}
          item={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}
