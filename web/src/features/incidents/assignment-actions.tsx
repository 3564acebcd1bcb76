import { Button, Group } from '@mantine/core';
import type { Incident } from '#contracts/incidents.ts';
import { useSignedInUser } from '../../app/session.tsx';
import { hasRole } from '../../lib/roles.ts';
import { isOpenPhase } from './incident-labels.ts';
import type { IncidentChangeHandle } from './use-incident-change.ts';

/**
 * Take (while nobody leads), assign (leads and administrators) and the automatic rule. A handler may
 * only use the rule to find a lead, never to replace one: that is a lead's decision.
 */
export function AssignmentActions({
  incident,
  change,
  onAssign,
}: {
  incident: Incident;
  change: IncidentChangeHandle;
  onAssign: () => void;
}) {
  const { role } = useSignedInUser();
  if (!isOpenPhase(incident.phase) || !hasRole(role, 'handler')) return null;
  const lead = hasRole(role, 'lead');
  return (
    <Group gap={2} wrap="nowrap">
      {!incident.lead && (
        <Button
          size="compact-xs"
          variant="light"
          loading={change.sending === 'take'}
          disabled={change.pending}
          onClick={() => change.submit({ action: 'take' }, incident)}
        >
          Take
        </Button>
      )}
      {lead && (
        <Button size="compact-xs" variant="subtle" onClick={onAssign}>
          Assign…
        </Button>
      )}
      {(lead || !incident.lead) && (
        <Button
          size="compact-xs"
          variant="subtle"
          loading={change.sending === 'autoAssign'}
          disabled={change.pending}
          onClick={() => change.submit({ action: 'autoAssign' }, incident)}
        >
          Assign automatically
        </Button>
      )}
    </Group>
  );
}
