import type { Incident } from '#contracts/incidents.ts';
import type { Shortcut } from '../../lib/use-keyboard-shortcuts.ts';

/**
 * `t` take and `a` assign. They belong to the assignment API (take, assign, candidates); until this
 * hook calls it, the keys are listed as coming and do nothing rather than pretend to assign.
 */
export function useAssignmentShortcuts(_selected: Incident | null): {
  shortcuts: Shortcut[];
  pending: Pick<Shortcut, 'keys' | 'description'>[];
} {
  return {
    shortcuts: [],
    pending: [
      { keys: ['t'], description: 'Take the incident (coming with assignment)' },
      { keys: ['a'], description: 'Assign a lead and handlers (coming with assignment)' },
    ],
  };
}
