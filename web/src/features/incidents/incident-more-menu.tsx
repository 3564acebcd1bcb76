import { Button, Menu } from '@mantine/core';
import type { Incident } from '#contracts/incidents.ts';
import { hasRole } from '../../lib/roles.ts';
import { useSignedInUser } from '../../app/session.tsx';
import { isOpenPhase } from './incident-labels.ts';

/** The rarer actions on an incident: merging others into it and relating it to another. */
export function IncidentMoreMenu({
  incident,
  onMerge,
  onRelate,
  onLegalHold,
}: {
  incident: Incident;
  onMerge: () => void;
  onRelate: () => void;
  onLegalHold: () => void;
}) {
  const user = useSignedInUser();
  // Only an open incident that is not itself merged can take in others.
  const canMerge = isOpenPhase(incident.phase) && !incident.mergedInto;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button size="xs" variant="default">
          More
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item onClick={onMerge} disabled={!canMerge}>
          Merge incidents into this one…
        </Menu.Item>
        <Menu.Item onClick={onRelate}>Relate incident…</Menu.Item>
        <Menu.Item onClick={onLegalHold} disabled={!hasRole(user.role, 'lead')}>
          Legal hold…
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
