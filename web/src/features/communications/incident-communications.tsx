import { Button, Group, Stack } from '@mantine/core';
import { useState } from 'react';
import type { Incident } from '#contracts/incidents.ts';
import { useSignedInUser } from '../../app/session.tsx';
import { hasRole } from '../../lib/roles.ts';
import { incidentKeys } from '../incidents/incident-queries.ts';
import { CommunicationThread } from './communication-thread.tsx';
import { ComposeDialog } from './compose-dialog.tsx';

/** The Communications tab: the thread in and out, and "New message" for handlers. */
export function IncidentCommunications({ incident }: { incident: Incident }) {
  const user = useSignedInUser();
  const [composing, setComposing] = useState(false);
  return (
    <Stack gap="sm">
      {hasRole(user.role, 'handler') && !incident.mergedInto && (
        <Group justify="flex-end">
          <Button onClick={() => setComposing(true)}>New message</Button>
        </Group>
      )}
      <CommunicationThread
        queryKey={incidentKeys.communications(incident.key)}
        path={`/api/v1/incidents/${encodeURIComponent(incident.key)}/communications`}
      />
      <ComposeDialog incident={incident} opened={composing} onClose={() => setComposing(false)} />
    </Stack>
  );
}
