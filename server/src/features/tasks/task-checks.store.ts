import type { ObservableType } from '#contracts/observables.ts';
import type {
  TaskCheck,
  TaskCheckExpectation,
  TaskCheckKind,
  TaskCheckResult,
} from '#contracts/task-checks.ts';
import type { TaskStatus } from '#contracts/tasks.ts';
import type { Queryable } from '../../platform/db/database.ts';
import type { TaskChecksTable } from '../../platform/db/schema.ts';

export type TaskCheckRow = TaskChecksTable;

export function toTaskCheck(r: TaskCheckRow): TaskCheck {
  return {
    id: r.id,
    taskId: r.task_id,
    kind: r.kind as TaskCheckKind,
    target: r.target,
    observableType: r.observable_type as ObservableType | null,
    expectation: r.expectation as TaskCheckExpectation,
    intervalMinutes: r.interval_minutes,
    baseline: r.baseline,
    armedAt: r.armed_at,
    armedBy: r.armed_by,
    nextRunAt: r.next_run_at,
    lastRunAt: r.last_run_at,
    lastResult: r.last_result as TaskCheckResult | null,
    lastDetail: r.last_detail,
  };
}

export interface TaskRef {
  id: string;
  title: string;
  status: TaskStatus;
  incident_id: string;
}

export interface IncidentRef {
  id: string;
  key: string;
  constituency_id: string | null;
}

export function createTaskCheckStore() {
  function insert(q: Queryable, row: TaskCheckRow): Promise<unknown> {
    return q.insertInto('task_checks').values(row).execute();
  }

  function list(q: Queryable, taskId: string): Promise<TaskCheckRow[]> {
    return q
      .selectFrom('task_checks')
      .selectAll()
      .where('task_id', '=', taskId)
      .orderBy('armed_at')
      .orderBy('id')
      .execute();
  }

  function get(q: Queryable, taskId: string, id: string): Promise<TaskCheckRow | undefined> {
    return q
      .selectFrom('task_checks')
      .selectAll()
      .where('task_id', '=', taskId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  async function remove(q: Queryable, id: string): Promise<void> {
    await q.deleteFrom('task_checks').where('id', '=', id).execute();
  }

  async function task(q: Queryable, incidentId: string, taskId: string): Promise<TaskRef | undefined> {
    const row = await q
      .selectFrom('tasks')
      .select(['id', 'title', 'status', 'incident_id'])
      .where('id', '=', taskId)
      .where('incident_id', '=', incidentId)
      .executeTakeFirst();
    return row ? { ...row, status: row.status as TaskStatus } : undefined;
  }

  function incident(q: Queryable, id: string): Promise<IncidentRef> {
    return q
      .selectFrom('incidents')
      .select(['id', 'key', 'constituency_id'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  }

  /**
   * Takes up to `limit` due checks and moves each one's next run on, each by a compare-and-set on
   * its old time, so two nodes running the job never both run one check.
   */
  async function claimDue(q: Queryable, now: Date, limit: number): Promise<TaskCheckRow[]> {
    const due = await q
      .selectFrom('task_checks')
      .selectAll()
      .where('next_run_at', '<=', now.toISOString())
      .orderBy('next_run_at')
      .limit(limit)
      .execute();
    const claimed: TaskCheckRow[] = [];
    for (const row of due) {
      const next = new Date(now.getTime() + row.interval_minutes * 60_000).toISOString();
      const won = await q
        .updateTable('task_checks')
        .set({ next_run_at: next })
        .where('id', '=', row.id)
        .where('next_run_at', '=', row.next_run_at)
        .executeTakeFirst();
      if (Number(won.numUpdatedRows) === 1) claimed.push({ ...row, next_run_at: next });
    }
    return claimed;
  }

  async function recordRun(
    q: Queryable,
    id: string,
    run: Pick<TaskCheckRow, 'last_run_at' | 'last_result' | 'last_detail' | 'next_run_at'>,
  ): Promise<TaskCheckRow | undefined> {
    return q.updateTable('task_checks').set(run).where('id', '=', id).returningAll().executeTakeFirst();
  }

  /**
   * Reports carrying the observable that arrived, or were seen again, after `since`: new reports by
   * registration time and repeats by their last sighting (a feed's repeat bumps `last_seen_at`).
   */
  async function sightings(
    q: Queryable,
    type: string,
    value: string,
    since: string,
  ): Promise<{ count: number; latest: string | null }> {
    const row = await q
      .selectFrom('report_observables as o')
      .innerJoin('reports as r', 'r.id', 'o.report_id')
      .where('o.type', '=', type)
      .where('o.value', '=', value)
      .where((eb) => eb.or([eb('r.created_at', '>', since), eb('r.last_seen_at', '>', since)]))
      .select((eb) => [
        eb.fn.count<number | string>('r.id').distinct().as('count'),
        eb.fn.max('r.created_at').as('latest'),
      ])
      .executeTakeFirst();
    return { count: Number(row?.count ?? 0), latest: (row?.latest as string | null) ?? null };
  }

  return { insert, list, get, remove, task, incident, claimDue, recordRun, sightings };
}

export type TaskCheckStore = ReturnType<typeof createTaskCheckStore>;
