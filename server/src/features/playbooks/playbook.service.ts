import type { Incident } from '#contracts/incidents.ts';
import type { Playbook, PlaybookInput, UpdatePlaybook } from '#contracts/playbooks.ts';
import type { AuditLog } from '../../platform/audit/audit-log.ts';
import { requireRole, type Actor } from '../../platform/auth/actor.ts';
import { sortableId } from '../../platform/crypto/secrets.ts';
import type { DatabaseHandle, Tx } from '../../platform/db/database.ts';
import { transaction } from '../../platform/db/transaction.ts';
import { conflict, invalid, notFound, type FieldIssue } from '../../platform/http/domain-error.ts';
import type { TaskService } from '../tasks/index.ts';
import type { TaxonomyService } from '../taxonomy/index.ts';
import type { PlaybookStore } from './playbook.store.ts';

export interface PlaybookServiceDeps {
  handle: DatabaseHandle;
  audit: AuditLog;
  store: PlaybookStore;
  taxonomy: Pick<TaxonomyService, 'unknownIds'>;
  tasks: Pick<TaskService, 'createIn' | 'playbookItemsPresent'>;
  now: () => Date;
}

/** Admin-defined checklists per taxonomy type or class, turned into tasks when an incident is classified. */
export function createPlaybookService({ handle, audit, store, taxonomy, tasks, now }: PlaybookServiceDeps) {
  async function list(actor: Actor): Promise<Playbook[]> {
    requireRole(actor, 'handler');
    return store.list(handle.db);
  }

  async function get(actor: Actor, id: string): Promise<Playbook> {
    requireRole(actor, 'handler');
    const playbook = await store.get(handle.db, id);
    if (!playbook) throw notFound(`Playbook ${id}`);
    return playbook;
  }

  /** Unknown taxonomy ids, ids another playbook covers and borrowed item ids, all reported at once. */
  async function check(tx: Tx, input: PlaybookInput, id: string): Promise<void> {
    const issues: FieldIssue[] = [];
    const unknown = new Set(await taxonomy.unknownIds(tx, input.taxonomyIds));
    const taken = new Map((await store.taken(tx, input.taxonomyIds, id)).map((t) => [t.taxonomy_id, t.name]));
    input.taxonomyIds.forEach((t, i) => {
      if (unknown.has(t))
        issues.push({ path: `body.taxonomyIds.${i}`, message: `${t} is not in the taxonomy` });
      else if (taken.has(t))
        issues.push({
          path: `body.taxonomyIds.${i}`,
          message: `${t} already has the playbook ${taken.get(t)}`,
        });
      if (input.taxonomyIds.indexOf(t) !== i)
        issues.push({ path: `body.taxonomyIds.${i}`, message: `${t} is listed twice` });
    });
    const itemIds = input.items.flatMap((item) => (item.id ? [item.id] : []));
    const foreign = new Set(await store.foreignItems(tx, itemIds, id));
    input.items.forEach((item, i) => {
      if (item.id && foreign.has(item.id))
        issues.push({ path: `body.items.${i}.id`, message: 'belongs to another playbook' });
    });
    if (issues.length) throw invalid('playbook_invalid', 'The playbook cannot be saved', issues);
  }

  async function save(actor: Actor, id: string | null, input: PlaybookInput & { version?: number }) {
    requireRole(actor, 'admin');
    const savedId = await transaction(handle.db, async (tx) => {
      const before = id ? await store.get(tx, id) : undefined;
      if (id && !before) throw notFound(`Playbook ${id}`);
      if (before && before.version !== input.version)
        throw conflict(
          'stale_version',
          `The playbook was changed (version ${before.version}) since you loaded version ${input.version}`,
          {
            current: before,
          },
        );
      const playbookId = id ?? sortableId();
      await check(tx, input, playbookId);
      const { version: _v, ...content } = input;
      await store.save(
        tx,
        {
          id: playbookId,
          name: input.name,
          description: input.description,
          updated_at: now().toISOString(),
          updated_by: actor.label,
          version: (before?.version ?? 0) + 1,
        },
        content,
        sortableId,
      );
      await audit.record(tx, actor, {
        action: before ? 'playbook.updated' : 'playbook.created',
        targetType: 'playbook',
        targetId: playbookId,
        data: { name: input.name, taxonomyIds: input.taxonomyIds, items: input.items.length },
      });
      return playbookId;
    });
    return get(actor, savedId);
  }

  const create = (actor: Actor, input: PlaybookInput) => save(actor, null, input);
  const update = (actor: Actor, id: string, input: UpdatePlaybook) => save(actor, id, input);

  /** Tasks already created from it stay: they are the incident's history now. */
  async function remove(actor: Actor, id: string): Promise<void> {
    requireRole(actor, 'admin');
    await transaction(handle.db, async (tx) => {
      const before = await store.get(tx, id);
      if (!before) throw notFound(`Playbook ${id}`);
      await store.remove(tx, id);
      await audit.record(tx, actor, {
        action: 'playbook.deleted',
        targetType: 'playbook',
        targetId: id,
        data: { name: before.name },
      });
    });
  }

  /**
   * Called in the classification's transaction: the items of the playbook for the type (else its
   * class) become tasks of the current cycle. On reclassification only the items not yet present are
   * added; nothing is ever deleted. Returns how many tasks were added.
   */
  async function applyOnClassification(
    tx: Tx,
    actor: Actor,
    incident: Incident,
    typeId: string,
  ): Promise<number> {
    const playbook = await store.forType(tx, typeId);
    if (!playbook) return 0;
    const present = await tasks.playbookItemsPresent(tx, incident.id);
    let added = 0;
    for (const item of playbook.items) {
      if (present.has(item.id)) continue;
      await tasks.createIn(
        tx,
        actor,
        incident,
        {
          title: item.title,
          description: item.description,
          step: item.step,
          party: { kind: item.partyKind, name: '', userId: null },
          ownerId: null,
          dueAt: null,
          requiresApproval: item.requiresApproval,
          approverIds: [],
          playbookItemId: item.id,
        },
        `Playbook ${playbook.name}: task`,
      );
      added++;
    }
    return added;
  }

  return { list, get, create, update, remove, applyOnClassification };
}

export type PlaybookService = ReturnType<typeof createPlaybookService>;
