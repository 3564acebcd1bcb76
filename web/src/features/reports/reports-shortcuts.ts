import type { Shortcut } from '../../lib/use-keyboard-shortcuts.ts';

export interface InboxActions {
  move: (by: number) => void;
  toggle: () => void;
  selectAll: () => void;
  clear: () => void;
  help: () => void;
}

/** The inbox's keys, as in the queue (`j`/`k` move, `x` select); the help overlay lists them from here. */
export function inboxShortcuts(a: InboxActions): Shortcut[] {
  return [
    { keys: ['j', 'ArrowDown'], description: 'Next report', run: () => a.move(1) },
    { keys: ['k', 'ArrowUp'], description: 'Previous report', run: () => a.move(-1) },
    { keys: ['x'], description: 'Select or unselect the report for a bulk action', run: a.toggle },
    { keys: ['X'], description: 'Select every new report of the list (Shift+x)', run: a.selectAll },
    { keys: ['Escape'], description: 'Clear the selection', run: a.clear },
    { keys: ['?'], description: 'Show these shortcuts', run: a.help },
  ];
}
