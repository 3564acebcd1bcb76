import type { ApprovalStatus, TaskStatus, TaskTransition } from '#contracts/tasks.ts';

/** Where a task may go from each status; `verified` needs a method and note, reopening a reason. */
export const TASK_TRANSITIONS: Record<TaskStatus, readonly TaskStatus[]> = {
  proposed: ['in_progress', 'cancelled'],
  in_progress: ['done', 'cancelled'],
  done: ['verified', 'in_progress'],
  verified: ['in_progress'],
  cancelled: [],
};

/** Open tasks are the ones a new cycle carries over. */
export const OPEN_TASK_STATUSES: readonly TaskStatus[] = ['proposed', 'in_progress'];

export interface TaskState {
  status: TaskStatus;
  requiresApproval: boolean;
  approval: ApprovalStatus | null;
}

export interface RuleProblem {
  kind: 'invalid' | 'conflict';
  code: string;
  message: string;
  path?: string;
  allowed?: readonly TaskStatus[];
}

const list = (statuses: readonly TaskStatus[]) => (statuses.length ? statuses.join(', ') : 'nothing');

export const isReopening = (from: TaskStatus, to: TaskStatus) =>
  (from === 'done' || from === 'verified') && to === 'in_progress';

/** Every reason the transition cannot happen, in the order a user would fix them; empty when it can. */
export function transitionProblems(
  task: TaskState,
  input: Pick<TaskTransition, 'to' | 'reason' | 'verification'>,
): RuleProblem[] {
  const allowed = TASK_TRANSITIONS[task.status];
  if (!allowed.includes(input.to))
    return [
      {
        kind: 'conflict',
        code: 'illegal_task_transition',
        message: `A ${task.status} task cannot become ${input.to}; from ${task.status} it can become: ${list(allowed)}`,
        path: 'body.to',
        allowed,
      },
    ];
  const problems: RuleProblem[] = [];
  if (input.to === 'done' && task.requiresApproval && task.approval !== 'approved')
    problems.push({
      kind: 'conflict',
      code: 'approval_required',
      message: `This task needs approval before it is performed (approval is ${task.approval ?? 'pending'})`,
    });
  if (input.to === 'verified' && !input.verification)
    problems.push({
      kind: 'invalid',
      code: 'verification_required',
      message: 'Verifying needs a method (technical_check or party_confirmation) and a note',
      path: 'body.verification',
    });
  if ((isReopening(task.status, input.to) || input.to === 'cancelled') && !input.reason.trim())
    problems.push({
      kind: 'invalid',
      code: 'reason_required',
      message: `${input.to === 'cancelled' ? 'Cancelling' : 'Reopening'} needs a reason`,
      path: 'body.reason',
    });
  return problems;
}

/** Whether someone may approve or reject: a lead or admin, or a user designated on the task. */
export function mayDecide(role: string, userId: string | null, approverIds: readonly string[]): boolean {
  return role === 'lead' || role === 'admin' || (userId !== null && approverIds.includes(userId));
}

/** Why an approval decision cannot be taken on the task now, or null. */
export function decisionProblem(task: TaskState): RuleProblem | null {
  if (!task.requiresApproval)
    return {
      kind: 'conflict',
      code: 'approval_not_required',
      message: 'This task does not require approval',
    };
  if (!OPEN_TASK_STATUSES.includes(task.status))
    return {
      kind: 'conflict',
      code: 'approval_closed',
      message: `A ${task.status} task can no longer be approved or rejected`,
    };
  return null;
}
