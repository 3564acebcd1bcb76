import type { Shortcut } from '../../lib/use-keyboard-shortcuts.ts';

export interface QueueActions {
  move: (by: number) => void;
  open: () => void;
  take: () => void;
  assign: () => void;
  classify: () => void;
  verify: () => void;
  discard: () => void;
  help: () => void;
}

/** The queue's keys, per the UI brief; the help overlay lists them from here. */
export function queueShortcuts(a: QueueActions): Shortcut[] {
  return [
    { keys: ['j', 'ArrowDown'], description: 'Next incident', run: () => a.move(1) },
    { keys: ['k', 'ArrowUp'], description: 'Previous incident', run: () => a.move(-1) },
    { keys: ['Enter', 'o'], description: 'Open the incident', run: a.open },
    { keys: ['t'], description: 'Take: become the lead of the incident', run: a.take },
    { keys: ['a'], description: 'Assign a lead and handlers (leads and administrators)', run: a.assign },
    { keys: ['c'], description: 'Classify', run: a.classify },
    { keys: ['v'], description: 'Verify: confirm it is a real incident', run: a.verify },
    { keys: ['d'], description: 'Discard: reject or close as false positive, with a reason', run: a.discard },
    { keys: ['?'], description: 'Show these shortcuts', run: a.help },
  ];
}
