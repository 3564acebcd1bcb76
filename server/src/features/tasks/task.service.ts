import type { Incident } from '#contracts/incidents.ts';
import type { NewCycle, NewTask, Task, TaskBoard, UpdateTask } from '#contracts/tasks.ts';
import { requireRole, type Actor } from '../../platform/auth/actor.ts';
import { sortableId } from '../../platform/crypto/secrets.ts';
import type { DatabaseHandle, Tx } from '../../platform/db/database.ts';
import type { TasksTable } from '../../platform/db/schema.ts';
import { transaction } from '../../platform/db/transaction.ts';
import { conflict, invalid, notFound, type FieldIssue } from '../../platform/http/domain-error.ts';
import { requireNotArchived, type createIncidentChanges, type IncidentStore } from '../incidents/index.ts';
import { incidentInScope, saveTask, taskForChange } from './task-access.ts';
import { createTaskWorkflow } from './task-workflow.service.ts';
import type { TaskStore } from './task.store.ts';

export interface TaskServiceDeps {
  handle: DatabaseHandle;
  changes: Pick<ReturnType<typeof createIncidentChanges>, 'recorder' | 'publish'>;
  incidents: Pick<IncidentStore, 'get'>;
  store: TaskStore;
  now: () => Date;
}

type People = Pick<NewTask, 'ownerId' | 'approverIds'> & { party?: NewTask['party'] | undefined };

/** Resolution cycles and their tasks (ENISA guide 4): creating, editing, starting a new cycle. */
export function createTaskService(deps: TaskServiceDeps) {
  const { handle, changes, incidents, store, now } = deps;

  const currentCycle = async (tx: Tx, incidentId: string) =>
    (await store.cycles(tx, incidentId)).at(-1)?.number ?? 1;

  /** Every user a task names must exist; all unknown ones are reported at once. */
  async function checkPeople(tx: Tx, input: Partial<People>): Promise<void> {
    const named: [string, string][] = [];
    if (input.ownerId) named.push(['body.ownerId', input.ownerId]);
    if (input.party?.userId) named.push(['body.party.userId', input.party.userId]);
    (input.approverIds ?? []).forEach((id, i) => named.push([`body.approverIds.${i}`, id]));
    const known = await store.existingUsers(tx, [...new Set(named.map(([, id]) => id))]);
    const issues: FieldIssue[] = named
      .filter(([, id]) => !known.has(id))
      .map(([path, id]) => ({ path, message: `No active user ${id}` }));
    if (issues.length) throw invalid('unknown_user', 'The task names users who do not exist', issues);
  }

  /** Inserts a task in the current cycle with its timeline entry; inside the caller's transaction. */
  async function createIn(
    tx: Tx,
    actor: Actor,
    incident: Incident,
    input: NewTask & { playbookItemId?: string | null },
    how = 'Task',
  ): Promise<string> {
    const at = now().toISOString();
    const cycle = await currentCycle(tx, incident.id);
    const row: TasksTable = {
      id: sortableId(),
      incident_id: incident.id,
      cycle,
      origin_cycle: cycle,
      title: input.title,
      description: input.description,
      step: input.step,
      party_kind: input.party.kind,
      party_name: input.party.name,
      party_user_id: input.party.userId,
      owner_id: input.ownerId,
      due_at: input.dueAt ? new Date(input.dueAt).toISOString() : null,
      status: 'proposed',
      requires_approval: input.requiresApproval ? 1 : 0,
      approver_ids: JSON.stringify(input.approverIds),
      approval: input.requiresApproval ? 'pending' : null,
      verification_method: null,
      verification_note: null,
      verified_by: null,
      verified_at: null,
      playbook_item_id: input.playbookItemId ?? null,
      created_by: actor.label,
      created_at: at,
      updated_at: at,
      version: 1,
    };
    await store.insert(tx, row);
    await changes.recorder(tx, actor, incident)(
      'task_created',
      `${how} added to cycle ${cycle}: ${input.title} (${input.step}, ${input.party.kind}${input.party.name ? ` ${input.party.name}` : ''})`,
      { after: { taskId: row.id, status: 'proposed', requiresApproval: input.requiresApproval } },
    );
    return row.id;
  }

  async function board(actor: Actor, key: string): Promise<TaskBoard> {
    const incident = await incidentInScope(handle.db, incidents, actor, key);
    const cycles = await store.cycles(handle.db, incident.id);
    return {
      currentCycle: cycles.at(-1)?.number ?? 1,
      cycles,
      items: await store.list(handle.db, incident.id),
    };
  }

  async function fetch(id: string): Promise<Task> {
    const task = await store.get(handle.db, id);
    if (!task) throw notFound(`Task ${id}`);
    return task;
  }

  async function create(actor: Actor, key: string, input: NewTask): Promise<Task> {
    requireRole(actor, 'handler');
    const id = await transaction(handle.db, async (tx, onCommit) => {
      const incident = await incidentInScope(tx, incidents, actor, key);
      requireNotArchived(incident);
      await checkPeople(tx, input);
      const id = await createIn(tx, actor, incident, input);
      changes.publish(onCommit, incident);
      return id;
    });
    return fetch(id);
  }

  async function update(actor: Actor, key: string, id: string, input: UpdateTask): Promise<Task> {
    await transaction(handle.db, async (tx, onCommit) => {
      const { incident, task } = await taskForChange(tx, deps, actor, key, id, input.version);
      await checkPeople(tx, input);
      const set: Partial<TasksTable> = {};
      const before: Record<string, unknown> = {};
      const after: Record<string, unknown> = {};
      const note = (field: string, was: unknown, now: unknown) => {
        before[field] = was;
        after[field] = now;
      };
      if (input.title !== undefined && input.title !== task.title) {
        set.title = input.title;
        note('title', task.title, input.title);
      }
      if (input.description !== undefined && input.description !== task.description)
        set.description = input.description;
      if (input.step !== undefined && input.step !== task.step) {
        set.step = input.step;
        note('step', task.step, input.step);
      }
      // The edit form sends every field: only what differs is written and put on the timeline.
      const party = input.party;
      if (
        party !== undefined &&
        (party.kind !== task.party.kind ||
          party.name !== task.party.name ||
          party.userId !== task.party.userId)
      ) {
        Object.assign(set, {
          party_kind: party.kind,
          party_name: party.name,
          party_user_id: party.userId,
        });
        note('party', task.party, party);
      }
      if (input.ownerId !== undefined && input.ownerId !== (task.owner?.id ?? null)) {
        set.owner_id = input.ownerId;
        note('owner', task.owner?.name ?? null, input.ownerId);
      }
      const dueAt = input.dueAt ? new Date(input.dueAt).toISOString() : null;
      if (input.dueAt !== undefined && dueAt !== task.dueAt) {
        set.due_at = dueAt;
        note('dueAt', task.dueAt, dueAt);
      }
      if (input.approverIds !== undefined) set.approver_ids = JSON.stringify(input.approverIds);
      if (input.requiresApproval !== undefined && input.requiresApproval !== task.requiresApproval) {
        // Adding the requirement to a task already under way cannot approve it in hindsight.
        set.requires_approval = input.requiresApproval ? 1 : 0;
        set.approval = input.requiresApproval ? 'pending' : null;
        note('requiresApproval', task.requiresApproval, input.requiresApproval);
      }
      await saveTask(tx, store, task, { ...set, updated_at: now().toISOString() });
      await changes.recorder(tx, actor, incident)(
        'task_changed',
        `Task changed: ${input.title ?? task.title}`,
        {
          before: { taskId: task.id, ...before },
          after: { taskId: task.id, ...after },
        },
      );
      changes.publish(onCommit, incident);
    });
    return fetch(id);
  }

  /**
   * Starts the next resolution cycle; the open tasks of the current one move into it and the timeline
   * records which were carried. A stale `currentCycle` (someone started one already) gets 409.
   */
  async function startCycle(actor: Actor, key: string, input: NewCycle): Promise<TaskBoard> {
    requireRole(actor, 'handler');
    await transaction(handle.db, async (tx, onCommit) => {
      const incident = await incidentInScope(tx, incidents, actor, key);
      requireNotArchived(incident);
      const current = await currentCycle(tx, incident.id);
      if (current !== input.currentCycle)
        throw conflict(
          'stale_cycle',
          `Cycle ${current} is current; you asked to close cycle ${input.currentCycle}`,
          {
            currentCycle: current,
          },
        );
      const at = now().toISOString();
      const next = current + 1;
      // Cycle 1 is implicit; record it when the second starts so the history has both.
      if (current === 1) await store.addCycle(tx, incident.id, 1, incident.createdAt, incident.createdBy);
      // The cycle's key is the guard: of two concurrent starts, the second inserts nothing and gets 409.
      if (!(await store.addCycle(tx, incident.id, next, at, actor.label)))
        throw conflict('stale_cycle', `Cycle ${next} was started by someone else meanwhile`, {
          currentCycle: next,
        });
      const open = await store.openIn(tx, incident.id, current);
      await store.carryOver(
        tx,
        open.map((t) => t.id),
        next,
        at,
      );
      const carried = open.length ? `; carried over: ${open.map((t) => t.title).join('; ')}` : '';
      await changes.recorder(tx, actor, incident)(
        'cycle_started',
        `Resolution cycle ${next} started${input.note ? ` (${input.note})` : ''}${carried}`,
        { before: { cycle: current }, after: { cycle: next, carriedTaskIds: open.map((t) => t.id) } },
      );
      changes.publish(onCommit, incident);
    });
    return board(actor, key);
  }

  /** Playbook items already present as tasks on the incident. */
  const playbookItemsPresent = (tx: Tx, incidentId: string) => store.playbookItemIds(tx, incidentId);

  return {
    board,
    create,
    createIn,
    update,
    startCycle,
    checkPeople,
    playbookItemsPresent,
    ...createTaskWorkflow(deps),
  };
}

export type TaskService = ReturnType<typeof createTaskService>;
