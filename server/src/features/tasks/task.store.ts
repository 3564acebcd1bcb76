import type { Task, TaskApproval, TaskCycle } from '#contracts/tasks.ts';
import type { Queryable } from '../../platform/db/database.ts';
import type { TaskApprovalsTable, TasksTable } from '../../platform/db/schema.ts';
import type { SearchIndex } from '../../platform/search/search-index.ts';

type TaskRow = TasksTable & { owner_name: string | null; incident_key: string };

function toTask(r: TaskRow, approvals: TaskApproval[]): Task {
  return {
    id: r.id,
    incidentKey: r.incident_key,
    cycle: Number(r.cycle),
    originCycle: Number(r.origin_cycle),
    title: r.title,
    description: r.description,
    step: r.step as Task['step'],
    party: { kind: r.party_kind as Task['party']['kind'], name: r.party_name, userId: r.party_user_id },
    owner: r.owner_id ? { id: r.owner_id, name: r.owner_name ?? '' } : null,
    dueAt: r.due_at,
    status: r.status as Task['status'],
    requiresApproval: r.requires_approval === 1,
    approverIds: JSON.parse(r.approver_ids) as string[],
    approval: r.approval as Task['approval'],
    approvals,
    verification:
      r.verification_method && r.verified_at
        ? {
            method: r.verification_method as 'technical_check' | 'party_confirmation',
            note: r.verification_note ?? '',
            by: r.verified_by ?? '',
            at: r.verified_at,
          }
        : null,
    playbookItemId: r.playbook_item_id,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: Number(r.version),
  };
}

/** Kysely only; callers have already checked the incident is in the actor's scope. */
export function createTaskStore(search?: SearchIndex) {
  const rows = (q: Queryable) =>
    q
      .selectFrom('tasks')
      .innerJoin('incidents', 'incidents.id', 'tasks.incident_id')
      .leftJoin('users', 'users.id', 'tasks.owner_id')
      .selectAll('tasks')
      .select(['users.name as owner_name', 'incidents.key as incident_key']);

  async function hydrate(q: Queryable, found: TaskRow[]): Promise<Task[]> {
    if (!found.length) return [];
    const approvals = await q
      .selectFrom('task_approvals')
      .selectAll()
      .where(
        'task_id',
        'in',
        found.map((r) => r.id),
      )
      .orderBy('at')
      .orderBy('id')
      .execute();
    const byTask = new Map<string, TaskApproval[]>();
    for (const a of approvals) {
      const entry = {
        decision: a.decision as TaskApproval['decision'],
        reason: a.reason,
        actor: a.actor_label,
        at: a.at,
      };
      byTask.set(a.task_id, [...(byTask.get(a.task_id) ?? []), entry]);
    }
    return found.map((r) => toTask(r, byTask.get(r.id) ?? []));
  }

  async function list(q: Queryable, incidentId: string): Promise<Task[]> {
    const found = await rows(q)
      .where('tasks.incident_id', '=', incidentId)
      .orderBy('tasks.cycle')
      .orderBy('tasks.id')
      .execute();
    return hydrate(q, found);
  }

  async function get(q: Queryable, id: string): Promise<Task | undefined> {
    const found = await rows(q).where('tasks.id', '=', id).execute();
    return (await hydrate(q, found))[0];
  }

  async function incidentIdOf(q: Queryable, taskId: string): Promise<string | undefined> {
    const row = await q.selectFrom('tasks').select('incident_id').where('id', '=', taskId).executeTakeFirst();
    return row?.incident_id;
  }

  async function insert(q: Queryable, row: TasksTable): Promise<void> {
    await q.insertInto('tasks').values(row).execute();
    await search?.put(q, 'task', row.id, `${row.title}\n${row.description}`);
  }

  /**
   * Writes the changes and the next version if the task is still at `version`; false when another
   * writer got there first (their update holds the row lock, ours then matches nothing).
   */
  async function update(
    q: Queryable,
    id: string,
    version: number,
    changes: Partial<TasksTable>,
  ): Promise<boolean> {
    const result = await q
      .updateTable('tasks')
      .set({ ...changes, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    const done = Number(result.numUpdatedRows) === 1;
    // Re-indexed for the unified search (features/search) when its words change.
    if (done && search && (changes.title !== undefined || changes.description !== undefined)) {
      const t = await q
        .selectFrom('tasks')
        .select(['title', 'description'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      await search.put(q, 'task', id, `${t.title}\n${t.description}`);
    }
    return done;
  }

  async function addApproval(q: Queryable, row: TaskApprovalsTable): Promise<void> {
    await q.insertInto('task_approvals').values(row).execute();
  }

  async function cycles(q: Queryable, incidentId: string): Promise<TaskCycle[]> {
    const found = await q
      .selectFrom('task_cycles')
      .selectAll()
      .where('incident_id', '=', incidentId)
      .orderBy('number')
      .execute();
    return found.map((c) => ({ number: Number(c.number), startedAt: c.started_at, startedBy: c.started_by }));
  }

  /** False when the cycle exists already: someone else started it concurrently. */
  async function addCycle(
    q: Queryable,
    incidentId: string,
    number: number,
    at: string,
    by: string,
  ): Promise<boolean> {
    const row = await q
      .insertInto('task_cycles')
      .values({ incident_id: incidentId, number, started_at: at, started_by: by })
      .onConflict((oc) => oc.columns(['incident_id', 'number']).doNothing())
      .returning('number')
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Ids of the open tasks of a cycle, the ones a new cycle carries over. */
  async function openIn(
    q: Queryable,
    incidentId: string,
    cycle: number,
  ): Promise<{ id: string; title: string }[]> {
    return q
      .selectFrom('tasks')
      .select(['id', 'title'])
      .where('incident_id', '=', incidentId)
      .where('cycle', '=', cycle)
      .where('status', 'in', ['proposed', 'in_progress'])
      .orderBy('id')
      .execute();
  }

  async function carryOver(q: Queryable, ids: string[], to: number, at: string): Promise<void> {
    if (ids.length)
      await q
        .updateTable('tasks')
        .set((eb) => ({ cycle: to, updated_at: at, version: eb('version', '+', 1) }))
        .where('id', 'in', ids)
        .execute();
  }

  /** Playbook items already present as tasks on the incident (top-up never adds one twice). */
  async function playbookItemIds(q: Queryable, incidentId: string): Promise<Set<string>> {
    const found = await q
      .selectFrom('tasks')
      .select('playbook_item_id')
      .where('incident_id', '=', incidentId)
      .where('playbook_item_id', 'is not', null)
      .execute();
    return new Set(found.map((r) => r.playbook_item_id!));
  }

  /** Which of these user ids exist and are enabled. */
  async function existingUsers(q: Queryable, ids: string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const found = await q
      .selectFrom('users')
      .select('id')
      .where('id', 'in', ids)
      .where('disabled_at', 'is', null)
      .execute();
    return new Set(found.map((u) => u.id));
  }

  return {
    list,
    get,
    incidentIdOf,
    insert,
    update,
    addApproval,
    cycles,
    addCycle,
    openIn,
    carryOver,
    playbookItemIds,
    existingUsers,
  };
}

export type TaskStore = ReturnType<typeof createTaskStore>;
