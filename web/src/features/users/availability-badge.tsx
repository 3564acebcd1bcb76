import { Tooltip } from '@mantine/core';
import { useSignedInUser } from '../../app/session.tsx';
import { hasRole } from '../../lib/roles.ts';
import { ShiftBadge } from '../../ui/shift-badge.tsx';

/** On shift or away, always in view: it decides whether automatic assignment may pick you. */
export function AvailabilityBadge() {
  const user = useSignedInUser();
  if (!hasRole(user.role, 'handler')) return null;
  return (
    <Tooltip
      label={
        user.available
          ? 'Automatic assignment may give you new incidents. Change it in the user menu.'
          : 'Automatic assignment passes you over. Change it in the user menu.'
      }
    >
      <ShiftBadge
        available={user.available}
        aria-label={`Availability: ${user.available ? 'on shift' : 'away'}`}
      />
    </Tooltip>
  );
}
