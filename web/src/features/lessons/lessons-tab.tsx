import { Alert, Button, Divider, Group, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Incident } from '#contracts/incidents.ts';
import { useSignedInUser } from '../../app/session.tsx';
import { api } from '../../lib/api-client.ts';
import { hasRole } from '../../lib/roles.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { LocalTime } from '../../ui/local-time.tsx';
import { incidentKeys } from '../incidents/incident-queries.ts';
import { FollowUpSection } from './follow-up-section.tsx';
import { lessonsPath, useLessons } from './lesson-queries.ts';
import { LessonsForm } from './lessons-form.tsx';

/** The Lessons tab: the post-analysis of the incident, its proposals, its remediation, and the review. */
export function LessonsTab({ incident }: { incident: Incident }) {
  const key = incident.key;
  const user = useSignedInUser();
  // Lessons and follow-ups are the work after closure: writable whatever the phase, unless merged away.
  const readOnly = !hasRole(user.role, 'handler') || Boolean(incident.mergedInto);
  const lessons = useLessons(key);
  const client = useQueryClient();
  const done = useMutation({
    mutationFn: () => api<Incident>('POST', `${lessonsPath(key)}/done`, { version: incident.version }),
    onSuccess: (updated) => {
      client.setQueryData(incidentKeys.one(key), updated);
      void client.invalidateQueries({ queryKey: incidentKeys.one(key) });
    },
  });
  const reviewer =
    hasRole(user.role, 'lead') || [incident.lead, ...incident.handlers].some((who) => who?.id === user.id);

  return (
    <Stack gap="lg" aria-label="Lessons">
      {incident.phase === 'closed' && (
        <Alert color="blue" title="Post-analysis review">
          <Stack gap="xs">
            <Text size="sm">
              Record the lessons learned and the proposals for improvement, then mark the review done: the
              incident moves to post-analysis done.
            </Text>
            <ErrorAlert error={done.error} onClose={done.reset} />
            {!readOnly && reviewer && (
              <Group>
                <Button
                  onClick={() => done.mutate()}
                  loading={done.isPending}
                  disabled={!lessons.data?.version}
                  title={lessons.data?.version ? undefined : 'Save the lessons learned first'}
                >
                  Mark review done
                </Button>
              </Group>
            )}
          </Stack>
        </Alert>
      )}
      {lessons.data?.reviewedAt && (
        <Text size="sm" c="dimmed" role="status">
          Review done by {lessons.data.reviewedBy} <LocalTime iso={lessons.data.reviewedAt} size="sm" span />
        </Text>
      )}
      <LessonsForm incidentKey={key} readOnly={readOnly} />
      <Divider />
      <FollowUpSection incidentKey={key} path="improvements" readOnly={readOnly} />
      <Divider />
      <FollowUpSection incidentKey={key} path="remediations" readOnly={readOnly} />
    </Stack>
  );
}
