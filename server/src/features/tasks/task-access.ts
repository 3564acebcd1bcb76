import type { Incident } from '#contracts/incidents.ts';
import type { Task } from '#contracts/tasks.ts';
import { requireRole, type Actor } from '../../platform/auth/actor.ts';
import type { Queryable, Tx } from '../../platform/db/database.ts';
import { conflict, DomainError, notFound } from '../../platform/http/domain-error.ts';
import { requireNotArchived, type IncidentStore } from '../incidents/index.ts';
import type { TasksTable } from '../../platform/db/schema.ts';
import type { RuleProblem } from './task.rules.ts';
import type { TaskStore } from './task.store.ts';

/** The incident in the actor's scope (constituencies, TLP ceiling), or 404 as if it did not exist. */
export async function incidentInScope(
  tx: Queryable,
  incidents: Pick<IncidentStore, 'get'>,
  actor: Actor,
  key: string,
): Promise<Incident> {
  const incident = await incidents.get(tx, actor.scope, key);
  if (!incident) throw notFound(`Incident ${key}`);
  return incident;
}

/**
 * Loads a task of an incident in scope for a change by a handler or above, at the version the user
 * saw: a stale version gets 409 with the current task, so no edit is silently overwritten.
 */
export async function taskForChange(
  tx: Tx,
  deps: { incidents: Pick<IncidentStore, 'get'>; store: TaskStore },
  actor: Actor,
  key: string,
  id: string,
  version: number,
): Promise<{ incident: Incident; task: Task }> {
  requireRole(actor, 'handler');
  const incident = await incidentInScope(tx, deps.incidents, actor, key);
  requireNotArchived(incident);
  const task = await deps.store.get(tx, id);
  if (!task || task.incidentKey !== incident.key) throw notFound(`Task ${id}`);
  if (task.version !== version)
    throw conflict(
      'stale_version',
      `The task was changed (version ${task.version}) since you loaded version ${version}`,
      {
        current: task,
      },
    );
  return { incident, task };
}

/** The first rule problem as the domain error the problem+json handler maps; every issue listed. */
export function ruleError(problems: RuleProblem[]): DomainError {
  const first = problems[0]!;
  const issues = problems.filter((p) => p.path).map((p) => ({ path: p.path!, message: p.message }));
  const message = problems.map((p) => p.message).join('; ');
  const kind = problems.some((p) => p.kind === 'conflict') ? 'conflict' : 'invalid';
  return new DomainError(kind, first.code, message, issues, first.allowed ? { allowed: first.allowed } : {});
}

/** Saves a change made from `task` as loaded; a concurrent writer that saved first makes it a 409. */
export async function saveTask(
  tx: Tx,
  store: TaskStore,
  task: Task,
  changes: Partial<TasksTable>,
): Promise<void> {
  if (!(await store.update(tx, task.id, task.version, changes)))
    throw conflict('stale_version', 'The task was changed by someone else at the same time; reload it', {
      current: await store.get(tx, task.id),
    });
}
