import type { NewTaskCheck, TaskCheck } from '#contracts/task-checks.ts';
import { requireRole, systemActor, type Actor } from '../../platform/auth/actor.ts';
import { sha256Hex, sortableId } from '../../platform/crypto/secrets.ts';
import type { DatabaseHandle, Tx } from '../../platform/db/database.ts';
import { transaction, type OnCommit } from '../../platform/db/transaction.ts';
import type { EventBus } from '../../platform/events/index.ts';
import { invalid, notFound } from '../../platform/http/domain-error.ts';
import { OutboundError, type Outbound } from '../../platform/outbound/index.ts';
import { INCIDENT_CHANGED, type IncidentChanges, type IncidentStore } from '../incidents/index.ts';
import {
  checkSetup,
  judge,
  nextRunAt,
  parseHostPort,
  taskEffect,
  type Observation,
} from './task-checks.rules.ts';
import type { IncidentRef, TaskCheckRow, TaskCheckStore, TaskRef } from './task-checks.store.ts';
import { toTaskCheck } from './task-checks.store.ts';

/** What a check result does to its task; the tasks feature owns the transitions. */
export interface TaskCheckEffects {
  verifyByCheck(tx: Tx, taskId: string, note: string, onCommit: OnCommit): Promise<boolean>;
  reopenByCheck(tx: Tx, taskId: string, reason: string, onCommit: OnCommit): Promise<boolean>;
}

export interface TaskCheckServiceDeps {
  handle: DatabaseHandle;
  events: EventBus;
  store: TaskCheckStore;
  incidents: Pick<IncidentStore, 'get'>;
  /** Timeline and audit through the incident's one recorder, for handlers and the scheduler alike. */
  changes: Pick<IncidentChanges, 'recorder'>;
  tasks: TaskCheckEffects;
  outbound: Outbound;
  now: () => Date;
}

// Codes that mean "the policy or the target's form stopped us", not "the target is down".
const REFUSALS = new Set([
  'blocked_address',
  'invalid_url',
  'unsupported_protocol',
  'too_many_redirects',
  'too_large',
]);
// A scheduled run takes at most this many checks; the rest stay due for the next minute.
const BATCH = 20;
const PARALLEL = 4;

export function createTaskCheckService(deps: TaskCheckServiceDeps) {
  const { handle, events, store, incidents, changes, tasks, outbound, now } = deps;
  const scheduler = systemActor('task-checks');

  /** The incident in the actor's scope and the task on it, or 404. */
  async function scoped(tx: Tx, actor: Actor, key: string, taskId: string) {
    const incident = await incidents.get(tx, actor.scope, key);
    if (!incident) throw notFound(`Incident ${key}`);
    const task = await store.task(tx, incident.id, taskId);
    if (!task) throw notFound(`Task ${taskId}`);
    return {
      incident: { id: incident.id, key: incident.key, constituency_id: incident.constituency?.id ?? null },
      task,
    };
  }

  async function fetchObservation(url: string): Promise<Observation> {
    try {
      // A bad certificate on a hostile site must not read as "taken down".
      const res = await outbound.fetch(url, { acceptAnyCertificate: true });
      return { kind: 'http', status: res.status, sha256: sha256Hex(res.body) };
    } catch (err) {
      return failed(err, true);
    }
  }

  /** Content checks need the body: an answer too large to read says nothing about it. */
  function contentOf(seen: Observation): Observation {
    if (seen.kind !== 'http' || seen.sha256 !== null) return seen;
    return { kind: 'refused', reason: `The HTTP ${seen.status} answer is too large to compare` };
  }

  function failed(err: unknown, url = false): Observation {
    if (!(err instanceof OutboundError)) throw err;
    // Too large to read, but it answered: enough for url_answers, no content hash for the rest.
    if (url && err.code === 'too_large' && err.status)
      return { kind: 'http', status: err.status, sha256: null };
    return REFUSALS.has(err.code)
      ? { kind: 'refused', reason: err.message }
      : { kind: 'unreachable', reason: err.message };
  }

  /** Looks at the target; every outbound byte goes through platform/outbound. */
  async function observe(row: TaskCheckRow): Promise<Observation> {
    switch (row.kind) {
      case 'observable_reappears':
        return {
          kind: 'sightings',
          ...(await store.sightings(handle.db, row.observable_type ?? '', row.target, row.armed_at)),
        };
      case 'url_answers':
        return fetchObservation(row.target);
      case 'url_content_changed':
        return contentOf(await fetchObservation(row.target));
      case 'tcp_port_open': {
        const target = parseHostPort(row.target);
        if (!target) return { kind: 'refused', reason: `Not host:port: ${row.target}` };
        try {
          return { kind: 'port_open', address: (await outbound.connect(target.host, target.port)).address };
        } catch (err) {
          return failed(err);
        }
      }
    }
    return { kind: 'refused', reason: `Unknown check kind ${row.kind}` };
  }

  const record = (tx: Tx, actor: Actor, incident: IncidentRef, kind: string, text: string, data: object) =>
    changes.recorder(tx, actor, incident)(kind, text, { after: data }, { data: { text, ...data } });

  const publish = (onCommit: OnCommit, incident: IncidentRef) =>
    onCommit(() =>
      events.publish({
        type: INCIDENT_CHANGED,
        data: { key: incident.key },
        audience: { constituencyId: incident.constituency_id },
      }),
    );

  /**
   * Arms a check on a task. A content check first takes its baseline (outside the transaction: no
   * database lock waits on a remote server); a target the policy refuses is refused here, clearly.
   */
  async function add(actor: Actor, key: string, taskId: string, input: NewTaskCheck): Promise<TaskCheck> {
    requireRole(actor, 'handler');
    const { setup, issues } = checkSetup({ ...input, intervalMinutes: input.intervalMinutes ?? 60 });
    if (!setup) throw invalid('task_check_invalid', 'The check cannot be set up as given', issues);
    await transaction(handle.db, (tx) => scoped(tx, actor, key, taskId)); // 404 before any outbound request
    let baseline: string | null = null;
    if (setup.kind === 'url_content_changed') {
      const seen = contentOf(await fetchObservation(setup.target));
      if (seen.kind === 'refused')
        throw invalid('task_check_target_refused', seen.reason, [
          { path: 'body.target', message: seen.reason },
        ]);
      baseline = seen.kind === 'http' ? seen.sha256 : null;
    }
    return transaction(handle.db, async (tx, onCommit) => {
      const { incident, task } = await scoped(tx, actor, key, taskId);
      const at = now();
      const row: TaskCheckRow = {
        id: sortableId(),
        task_id: task.id,
        incident_id: incident.id,
        kind: setup.kind,
        target: setup.target,
        observable_type: setup.observableType,
        expectation: setup.expectation,
        interval_minutes: setup.intervalMinutes,
        baseline,
        armed_at: at.toISOString(),
        armed_by: actor.label,
        next_run_at: nextRunAt(at, setup.intervalMinutes).toISOString(),
        last_run_at: null,
        last_result: null,
        last_detail: null,
      };
      await store.insert(tx, row);
      const text = `Check armed on "${task.title}": ${setup.kind} ${setup.target}, expecting ${setup.expectation}`;
      await record(tx, actor, incident, 'task_check_added', text, {
        taskId: task.id,
        checkId: row.id,
        kind: setup.kind,
        target: setup.target,
        baseline,
      });
      publish(onCommit, incident);
      return toTaskCheck(row);
    });
  }

  async function list(actor: Actor, key: string, taskId: string): Promise<TaskCheck[]> {
    return transaction(handle.db, async (tx) => {
      await scoped(tx, actor, key, taskId);
      return (await store.list(tx, taskId)).map(toTaskCheck);
    });
  }

  async function remove(actor: Actor, key: string, taskId: string, checkId: string): Promise<void> {
    requireRole(actor, 'handler');
    await transaction(handle.db, async (tx, onCommit) => {
      const { incident, task } = await scoped(tx, actor, key, taskId);
      const row = await store.get(tx, task.id, checkId);
      if (!row) throw notFound(`Check ${checkId}`);
      await store.remove(tx, row.id);
      const text = `Check removed from "${task.title}": ${row.kind} ${row.target}`;
      await record(tx, actor, incident, 'task_check_removed', text, { taskId: task.id, checkId: row.id });
      publish(onCommit, incident);
    });
  }

  /**
   * Stores a run's result. The timeline gets an entry when the result changes, when a person asked
   * for the run, or when the result moves the task (pass verifies it, fail reopens it).
   */
  async function settle(
    actor: Actor,
    row: TaskCheckRow,
    seen: Observation,
    asked: boolean,
  ): Promise<TaskCheck | null> {
    const { result, detail } = judge(row, seen);
    return transaction(handle.db, async (tx, onCommit) => {
      const at = now();
      const updated = await store.recordRun(tx, row.id, {
        last_run_at: at.toISOString(),
        last_result: result,
        last_detail: detail,
        next_run_at: nextRunAt(at, row.interval_minutes).toISOString(),
      });
      if (!updated) return null; // removed while it ran
      const incident = await store.incident(tx, row.incident_id);
      const task = (await store.task(tx, row.incident_id, row.task_id)) as TaskRef;
      const effect = taskEffect(result, task.status);
      if (asked || effect || result !== row.last_result) {
        const text = `Check ${result} on "${task.title}" (${row.kind} ${row.target}): ${detail}`;
        await record(tx, actor, incident, 'task_check_run', text, {
          taskId: task.id,
          checkId: row.id,
          result,
          detail,
        });
      }
      const note = `Automatic check ${row.kind} ${row.target}: ${detail}`;
      if (effect === 'verify') await tasks.verifyByCheck(tx, task.id, note, onCommit);
      if (effect === 'reopen') await tasks.reopenByCheck(tx, task.id, note, onCommit);
      publish(onCommit, incident);
      return toTaskCheck(updated);
    });
  }

  /** "Run now": runs the check at once for a handler and returns its new state. */
  async function runNow(actor: Actor, key: string, taskId: string, checkId: string): Promise<TaskCheck> {
    requireRole(actor, 'handler');
    const row = await transaction(handle.db, async (tx) => {
      const { task } = await scoped(tx, actor, key, taskId);
      return store.get(tx, task.id, checkId);
    });
    if (!row) throw notFound(`Check ${checkId}`);
    const done = await settle(actor, row, await observe(row), true);
    if (!done) throw notFound(`Check ${checkId}`);
    return done;
  }

  /** The scheduled job: runs the checks that are due, a few at a time; returns how many ran. */
  async function runDue(): Promise<number> {
    const due = await transaction(handle.db, (tx) => store.claimDue(tx, now(), BATCH));
    for (let i = 0; i < due.length; i += PARALLEL)
      await Promise.all(
        due.slice(i, i + PARALLEL).map(async (row) => settle(scheduler, row, await observe(row), false)),
      );
    return due.length;
  }

  return { add, list, remove, runNow, runDue };
}

export type TaskCheckService = ReturnType<typeof createTaskCheckService>;
