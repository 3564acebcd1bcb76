import type { Incident } from '#contracts/incidents.ts';
import type { Task, TaskDecision, TaskStatus, TaskTransition } from '#contracts/tasks.ts';
import { systemActor, unrestrictedScope, type Actor } from '../../platform/auth/actor.ts';
import { sortableId } from '../../platform/crypto/secrets.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { TasksTable } from '../../platform/db/schema.ts';
import { transaction, type OnCommit } from '../../platform/db/transaction.ts';
import { forbidden, notFound } from '../../platform/http/domain-error.ts';
import { ruleError, saveTask, taskForChange } from './task-access.ts';
import type { TaskServiceDeps } from './task.service.ts';
import { decisionProblem, isReopening, mayDecide, transitionProblems } from './task.rules.ts';

const CHECK_ACTOR = systemActor('task-checks');

/** A task's status changes and approvals: the guarded part of the resolution cycle. */
export function createTaskWorkflow(deps: TaskServiceDeps) {
  const { handle, changes, incidents, store, now } = deps;

  async function fetch(id: string): Promise<Task> {
    const task = await store.get(handle.db, id);
    if (!task) throw notFound(`Task ${id}`);
    return task;
  }

  /** Applies an allowed transition: the row, the timeline + audit entry. Rules were checked by the caller. */
  async function apply(
    tx: Tx,
    actor: Actor,
    incident: Incident,
    task: Task,
    input: Pick<TaskTransition, 'to' | 'reason' | 'verification'>,
  ): Promise<void> {
    const at = now().toISOString();
    const set: Partial<TasksTable> = { status: input.to, updated_at: at };
    if (input.to === 'verified' && input.verification)
      Object.assign(set, {
        verification_method: input.verification.method,
        verification_note: input.verification.note,
        verified_by: actor.label,
        verified_at: at,
      });
    if (isReopening(task.status, input.to))
      Object.assign(set, {
        verification_method: null,
        verification_note: null,
        verified_by: null,
        verified_at: null,
      });
    await saveTask(tx, store, task, set);
    const how =
      input.to === 'verified' && input.verification
        ? ` by ${input.verification.method === 'technical_check' ? 'technical check' : 'party confirmation'}: ${input.verification.note}`
        : input.reason
          ? `: ${input.reason}`
          : '';
    const kind =
      input.to === 'verified'
        ? 'task_verified'
        : isReopening(task.status, input.to)
          ? 'task_reopened'
          : 'task_status';
    await changes.recorder(tx, actor, incident)(
      kind,
      `Task ${task.status} → ${input.to}: ${task.title}${how}`,
      {
        before: { taskId: task.id, status: task.status },
        after: {
          taskId: task.id,
          status: input.to,
          ...(input.verification ? { verification: input.verification } : {}),
        },
      },
    );
  }

  async function transition(actor: Actor, key: string, id: string, input: TaskTransition): Promise<Task> {
    await transaction(handle.db, async (tx, onCommit) => {
      const { incident, task } = await taskForChange(tx, deps, actor, key, id, input.version);
      const problems = transitionProblems(task, input);
      if (problems.length) throw ruleError(problems);
      await apply(tx, actor, incident, task, input);
      changes.publish(onCommit, incident);
    });
    return fetch(id);
  }

  /** Approve or reject, with a reason: leads, admins and the task's designated approvers only. */
  async function decide(actor: Actor, key: string, id: string, input: TaskDecision): Promise<Task> {
    await transaction(handle.db, async (tx, onCommit) => {
      const { incident, task } = await taskForChange(tx, deps, actor, key, id, input.version);
      if (!mayDecide(actor.role, actor.id, task.approverIds))
        throw forbidden(
          'Only a lead, an admin or an approver designated on the task may approve or reject it',
        );
      const problem = decisionProblem(task);
      if (problem) throw ruleError([problem]);
      const at = now().toISOString();
      await store.addApproval(tx, {
        id: sortableId(),
        task_id: task.id,
        decision: input.decision,
        reason: input.reason,
        actor_id: actor.id,
        actor_label: actor.label,
        at,
      });
      await saveTask(tx, store, task, { approval: input.decision, updated_at: at });
      await changes.recorder(tx, actor, incident)(
        input.decision === 'approved' ? 'task_approved' : 'task_rejected',
        `Task ${input.decision}: ${task.title}: ${input.reason}`,
        {
          before: { taskId: task.id, approval: task.approval },
          after: { taskId: task.id, approval: input.decision },
        },
      );
      changes.publish(onCommit, incident);
    });
    return fetch(id);
  }

  /** For system callers (automatic checks): the task and its incident, whatever the scope. */
  async function loadForCheck(tx: Tx, taskId: string) {
    const task = await store.get(tx, taskId);
    if (!task) throw notFound(`Task ${taskId}`);
    const incident = await incidents.get(tx, unrestrictedScope, task.incidentKey);
    if (!incident) throw notFound(`Incident ${task.incidentKey}`);
    return { task, incident };
  }

  async function byCheck(
    tx: Tx,
    taskId: string,
    to: TaskStatus,
    input: Pick<TaskTransition, 'reason' | 'verification'>,
    onCommit?: OnCommit,
  ): Promise<boolean> {
    const { task, incident } = await loadForCheck(tx, taskId);
    if (transitionProblems(task, { to, ...input }).length) return false;
    await apply(tx, CHECK_ACTOR, incident, task, { to, ...input });
    const publish = onCommit ?? ((effect: () => void | Promise<void>) => void effect());
    changes.publish(publish, incident);
    return true;
  }

  /**
   * An automatic check passed: a `done` task becomes `verified` by technical check, with the note,
   * on the timeline and in the audit log as `system:task-checks`. Runs inside the caller's transaction;
   * pass its `onCommit` so the live event goes out after commit. False (and nothing written) when the
   * task is not `done`.
   */
  const verifyByCheck = (tx: Tx, taskId: string, note: string, onCommit?: OnCommit) =>
    byCheck(
      tx,
      taskId,
      'verified',
      { reason: '', verification: { method: 'technical_check', note } },
      onCommit,
    );

  /**
   * An automatic check failed: a `done` or `verified` task goes back to `in_progress` with the reason.
   * Same transaction and event rules as `verifyByCheck`; false when the task was not done or verified.
   */
  const reopenByCheck = (tx: Tx, taskId: string, reason: string, onCommit?: OnCommit) =>
    byCheck(tx, taskId, 'in_progress', { reason }, onCommit);

  return { transition, decide, verifyByCheck, reopenByCheck };
}

export type TaskWorkflow = ReturnType<typeof createTaskWorkflow>;
