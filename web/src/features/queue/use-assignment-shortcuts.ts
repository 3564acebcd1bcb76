import { notifications } from '@mantine/notifications';
import type { Incident } from '#contracts/incidents.ts';
import { useSignedInUser } from '../../app/session.tsx';
import { hasRole } from '../../lib/roles.ts';
import { useIncidentChange } from '../incidents/use-incident-change.ts';

/**
 * What `t` and `a` do on the queue: take the selected incident at the version the queue shows, or open
 * the assign dialog for leads and administrators. `change` carries a refusal (taken first, changed
 * meanwhile) for the page to show.
 */
export function useAssignmentShortcuts(selected: Incident | null, openAssign: () => void) {
  const { role } = useSignedInUser();
  const change = useIncidentChange((saved) =>
    notifications.show({ color: 'green', message: `You lead ${saved.key} now` }),
  );
  const take = () => {
    if (!selected) return;
    if (!hasRole(role, 'handler')) notifications.show({ message: 'Viewers cannot take incidents' });
    else if (selected.lead)
      notifications.show({ message: `${selected.lead.name} leads ${selected.key} already` });
    else change.submit({ action: 'take' }, selected);
  };
  const assign = () => {
    if (!selected) return;
    if (hasRole(role, 'lead')) openAssign();
    else notifications.show({ message: 'Only leads and administrators assign; press t to take it yourself' });
  };
  return { take, assign, change };
}
