import type { Incident } from '#contracts/incidents.ts';
import type {
  Improvement,
  NewImprovement,
  NewRemediation,
  Remediation,
  UpdateImprovement,
  UpdateRemediation,
} from '#contracts/lessons.ts';
import { type Actor } from '../../platform/auth/actor.ts';
import { sortableId } from '../../platform/crypto/secrets.ts';
import type { DatabaseHandle, Tx } from '../../platform/db/database.ts';
import { transaction } from '../../platform/db/transaction.ts';
import { conflict, invalid, notFound } from '../../platform/http/domain-error.ts';
import type { FollowUpFilter, FollowUpKind, FollowUpRow, FollowUpStore } from './follow-up.store.ts';
import { followUpChanges, type FollowUpFields } from './follow-up.rules.ts';
import type { LessonContext } from './lesson-context.ts';

type New = NewImprovement | NewRemediation;
type Update = UpdateImprovement | UpdateRemediation;

export interface FollowUpServiceDeps<T> {
  handle: DatabaseHandle;
  ctx: LessonContext;
  store: FollowUpStore;
  kind: FollowUpKind;
  /** How one row is shown. */
  view: (row: FollowUpRow) => T;
  /** Human name for messages and the timeline: `Improvement proposal`, `Remediation item`. */
  noun: string;
  now: () => Date;
}

/**
 * Improvement proposals and remediation items of an incident. Both outlive the incident: they stay
 * editable after it is closed (tracking them is the point of the post-analysis), only a merged-away
 * incident refuses writes. Each item has its own version; every change is audited, goes on the
 * incident's timeline and is announced live.
 */
export function createFollowUpService<T extends Improvement | Remediation>({
  handle,
  ctx,
  store,
  kind,
  view,
  noun,
  now,
}: FollowUpServiceDeps<T>) {
  const { db } = handle;

  /** Every problem with the owner and playbook named, at once. */
  async function referenceIssues(tx: Tx, input: Partial<FollowUpFields>) {
    const issues: { path: string; message: string }[] = [];
    if (input.ownerId && !(await store.userExists(tx, input.ownerId)))
      issues.push({ path: 'body.ownerId', message: 'is not a user' });
    if (input.playbookId && !(await store.playbookExists(tx, input.playbookId)))
      issues.push({ path: 'body.playbookId', message: 'is not a playbook' });
    if (issues.length) throw invalid(`${kind}_invalid`, `The ${noun.toLowerCase()} cannot be saved`, issues);
  }

  async function list(actor: Actor, key: string): Promise<T[]> {
    const incident = await ctx.visible(actor, key);
    return (await store.list(db, actor.scope, kind, { incidentId: incident.id })).map(view);
  }

  /** Across every incident the actor may see. */
  async function board(actor: Actor, filter: Omit<FollowUpFilter, 'incidentId'>): Promise<T[]> {
    return (await store.list(db, actor.scope, kind, filter)).map(view);
  }

  async function load(tx: Tx, actor: Actor, incident: Incident, id: string, version: number) {
    const row = await store.get(tx, actor.scope, kind, incident.id, id);
    if (!row) throw notFound(noun);
    if (Number(row.version) !== version)
      throw conflict(
        'stale_version',
        `The ${noun.toLowerCase()} was changed (version ${row.version}) since you loaded version ${version}`,
        { current: view(row) },
      );
    return row;
  }

  async function add(actor: Actor, key: string, input: New): Promise<T> {
    return transaction(db, async (tx, onCommit) => {
      const incident = await ctx.writable(tx, actor, key);
      const fields: FollowUpFields = {
        playbookId: null,
        procedure: '',
        ...input,
      };
      await referenceIssues(tx, fields);
      const at = now().toISOString();
      const id = sortableId();
      await store.insert(tx, {
        id,
        incident_id: incident.id,
        kind,
        title: fields.title,
        description: fields.description,
        owner_id: fields.ownerId,
        due_date: fields.dueDate,
        status: fields.status,
        playbook_id: fields.playbookId,
        procedure: fields.procedure,
        created_by: actor.label,
        created_at: at,
        updated_by: actor.label,
        updated_at: at,
        version: 1,
      });
      await ctx.record(tx, actor, incident, {
        kind: `${kind}_added`,
        text: `${noun} added: ${fields.title}`,
        data: { id, ...fields },
      });
      ctx.publish(onCommit, incident);
      return view((await store.get(tx, actor.scope, kind, incident.id, id))!);
    });
  }

  async function edit(actor: Actor, key: string, id: string, input: Update): Promise<T> {
    return transaction(db, async (tx, onCommit) => {
      const incident = await ctx.writable(tx, actor, key);
      const row = await load(tx, actor, incident, id, input.version);
      const { version, ...patch } = input;
      await referenceIssues(tx, patch);
      const changed = followUpChanges(row, patch);
      if (!Object.keys(changed.after).length) return view(row);
      const saved = await store.update(tx, id, version, {
        ...changed.columns,
        updated_by: actor.label,
        updated_at: now().toISOString(),
      });
      if (!saved) throw conflict('stale_version', `The ${noun.toLowerCase()} was changed meanwhile`);
      await ctx.record(tx, actor, incident, {
        kind: `${kind}_updated`,
        text: `${noun} updated: ${patch.title ?? row.title} (${Object.keys(changed.after).join(', ')})`,
        change: { before: changed.before, after: changed.after },
        data: { id, version: version + 1, before: changed.before, after: changed.after },
      });
      ctx.publish(onCommit, incident);
      return view((await store.get(tx, actor.scope, kind, incident.id, id))!);
    });
  }

  async function remove(actor: Actor, key: string, id: string, version: number): Promise<void> {
    await transaction(db, async (tx, onCommit) => {
      const incident = await ctx.writable(tx, actor, key);
      const row = await load(tx, actor, incident, id, version);
      if (!(await store.remove(tx, id, version)))
        throw conflict('stale_version', `The ${noun.toLowerCase()} was changed meanwhile`);
      // The audit entry keeps what was removed.
      await ctx.record(tx, actor, incident, {
        kind: `${kind}_deleted`,
        text: `${noun} deleted: ${row.title}`,
        data: { id, item: view(row) },
      });
      ctx.publish(onCommit, incident);
    });
  }

  return { list, board, add, edit, remove };
}

export type FollowUpService<T extends Improvement | Remediation> = ReturnType<
  typeof createFollowUpService<T>
>;
