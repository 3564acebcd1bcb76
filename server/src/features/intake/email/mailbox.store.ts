import type { Mailbox } from '#contracts/mailboxes.ts';
import type { Queryable } from '../../../platform/db/database.ts';
import type { MailboxesTable } from '../../../platform/db/schema.ts';

const toMailbox = (r: MailboxesTable): Mailbox => ({
  id: r.id,
  name: r.name,
  host: r.host,
  port: r.port,
  tls: r.tls,
  username: r.username,
  folder: r.folder,
  processedFolder: r.processed_folder,
  enabled: r.enabled === 1,
  lastPolledAt: r.last_polled_at ? new Date(r.last_polled_at).toISOString() : null,
  lastError: r.last_error,
  lastCount: r.last_count,
  updatedAt: new Date(r.updated_at).toISOString(),
  updatedBy: r.updated_by,
});

export function createMailboxStore() {
  async function list(q: Queryable): Promise<Mailbox[]> {
    const rows = await q.selectFrom('mailboxes').selectAll().orderBy('name').execute();
    return rows.map(toMailbox);
  }

  /** The mailbox with its sealed password, for the poller and for updates. */
  async function getRow(q: Queryable, id: string): Promise<MailboxesTable | undefined> {
    return q.selectFrom('mailboxes').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async function enabledIds(q: Queryable): Promise<string[]> {
    const rows = await q.selectFrom('mailboxes').select('id').where('enabled', '=', 1).execute();
    return rows.map((r) => r.id);
  }

  async function nameTaken(q: Queryable, name: string, exceptId: string | null): Promise<boolean> {
    let query = q.selectFrom('mailboxes').select('id').where('name', '=', name);
    if (exceptId) query = query.where('id', '!=', exceptId);
    return (await query.executeTakeFirst()) !== undefined;
  }

  async function upsert(q: Queryable, row: MailboxesTable): Promise<void> {
    const { id: _id, created_at: _c, ...changes } = row;
    await q
      .insertInto('mailboxes')
      .values(row)
      .onConflict((oc) => oc.column('id').doUpdateSet(changes))
      .execute();
  }

  async function remove(q: Queryable, id: string): Promise<number> {
    const r = await q.deleteFrom('mailboxes').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  async function recordPoll(q: Queryable, id: string, at: string, count: number, error: string | null) {
    await q
      .updateTable('mailboxes')
      .set({ last_polled_at: at, last_count: count, last_error: error })
      .where('id', '=', id)
      .execute();
  }

  return { list, getRow, enabledIds, nameTaken, upsert, remove, recordPoll, toMailbox };
}

export type MailboxStore = ReturnType<typeof createMailboxStore>;
