import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Blocklist, BlocklistInput } from '#contracts/observables.ts';
import type { AuditLog } from '../../platform/audit/audit-log.ts';
import { requireRole, type Actor } from '../../platform/auth/actor.ts';
import type { DatabaseHandle } from '../../platform/db/database.ts';
import { transaction } from '../../platform/db/transaction.ts';
import { conflict, invalid, notFound } from '../../platform/http/domain-error.ts';
import { parseBlocklist } from './observable-blocklist.rules.ts';
import type { BlocklistStore } from './observable-blocklist.store.ts';

type Input = z.output<typeof BlocklistInput>;

export interface BlocklistServiceDeps {
  handle: DatabaseHandle;
  audit: AuditLog;
  store: BlocklistStore;
  now: () => Date;
}

/** Admin-held named lists of bad IPs, netblocks, hosts, URLs and hashes, for the blocklist analyzer. */
export function createBlocklistService({ handle, audit, store, now }: BlocklistServiceDeps) {
  function list(actor: Actor): Promise<Blocklist[]> {
    requireRole(actor, 'admin');
    return store.list(handle.db);
  }

  /** Creates a list, or replaces one (`id`) with the entries given; every bad line is reported, nothing written. */
  async function save(actor: Actor, id: string | null, input: Input): Promise<Blocklist> {
    requireRole(actor, 'admin');
    const { entries, issues } = parseBlocklist(input.entries);
    if (issues.length)
      throw invalid('blocklist_invalid', `${issues.length} line(s) could not be read`, issues);
    return transaction(handle.db, async (tx) => {
      if (id && !(await store.get(tx, id))) throw notFound('Blocklist');
      if (await store.nameTaken(tx, input.name, id))
        throw conflict('blocklist_name_taken', `A blocklist named ${input.name} exists`);
      const listId = id ?? randomUUID();
      await store.save(
        tx,
        {
          id: listId,
          name: input.name,
          description: input.description,
          entry_count: entries.length,
          updated_at: now().toISOString(),
          updated_by: actor.label,
        },
        entries,
      );
      await audit.record(tx, actor, {
        action: id ? 'blocklist.replaced' : 'blocklist.created',
        targetType: 'blocklist',
        targetId: listId,
        data: { name: input.name, entries: entries.length },
      });
      return (await store.get(tx, listId))!;
    });
  }

  async function remove(actor: Actor, id: string): Promise<void> {
    requireRole(actor, 'admin');
    await transaction(handle.db, async (tx) => {
      const before = await store.get(tx, id);
      if (!before) throw notFound('Blocklist');
      await store.remove(tx, id);
      await audit.record(tx, actor, {
        action: 'blocklist.deleted',
        targetType: 'blocklist',
        targetId: id,
        data: { name: before.name, entries: before.entryCount },
      });
    });
  }

  return { list, save, remove };
}

export type BlocklistService = ReturnType<typeof createBlocklistService>;
