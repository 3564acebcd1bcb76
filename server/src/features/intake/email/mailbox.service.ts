import { randomUUID } from 'node:crypto';
import type { Mailbox, MailboxInput, MailboxPollResult } from '#contracts/mailboxes.ts';
import type { AuditLog } from '../../../platform/audit/audit-log.ts';
import { requireRole, type Actor } from '../../../platform/auth/actor.ts';
import type { DataKeys } from '../../../platform/crypto/data-keys.ts';
import { openText, sealText } from '../../../platform/crypto/envelope.ts';
import type { DatabaseHandle } from '../../../platform/db/database.ts';
import type { MailboxesTable } from '../../../platform/db/schema.ts';
import { transaction } from '../../../platform/db/transaction.ts';
import { conflict, invalid, notFound } from '../../../platform/http/domain-error.ts';
import type { MailboxStore } from './mailbox.store.ts';

/** IMAP settings the poller connects with, password in clear (only ever in memory). */
export interface MailboxConnection {
  id: string;
  name: string;
  host: string;
  port: number;
  tls: Mailbox['tls'];
  username: string;
  password: string;
  folder: string;
  processedFolder: string;
}

export interface MailboxServiceDeps {
  handle: DatabaseHandle;
  audit: AuditLog;
  store: MailboxStore;
  keys: DataKeys;
  now: () => Date;
  /** Polls one mailbox now (the poller); set by the e-mail feature once it is built. */
  poll: (id: string) => Promise<MailboxPollResult>;
}

const SECRETS = 'secrets:mailboxes';

/** IMAP mailboxes the team reads reports from (admins); passwords sealed under a data key. */
export function createMailboxService({ handle, audit, store, keys, now, poll }: MailboxServiceDeps) {
  const { db } = handle;

  async function seal(id: string, password: string): Promise<string> {
    const keyId = await keys.forPurpose(SECRETS);
    return `${keyId}:${sealText(await keys.unwrap(keyId), Buffer.from(password), `mailbox:${id}`)}`;
  }

  async function unseal(id: string, sealed: string): Promise<string> {
    const at = sealed.indexOf(':');
    const key = await keys.unwrap(sealed.slice(0, at));
    return openText(key, sealed.slice(at + 1), `mailbox:${id}`).toString();
  }

  function list(actor: Actor): Promise<Mailbox[]> {
    requireRole(actor, 'admin');
    return store.list(db);
  }

  /** Creates (`id` null) or changes a mailbox; a change without a password keeps the stored one. */
  async function save(actor: Actor, id: string | null, input: MailboxInput): Promise<Mailbox> {
    requireRole(actor, 'admin');
    const mailboxId = id ?? randomUUID();
    if (!id && !input.password)
      throw invalid('password_required', 'A new mailbox needs a password', [
        { path: 'body.password', message: 'is required for a new mailbox' },
      ]);
    const sealed = input.password ? await seal(mailboxId, input.password) : null;
    return transaction(db, async (tx) => {
      const before = id ? await store.getRow(tx, id) : undefined;
      if (id && !before) throw notFound('Mailbox');
      if (await store.nameTaken(tx, input.name, id))
        throw conflict('mailbox_name_taken', `A mailbox named ${input.name} exists already`);
      const at = now().toISOString();
      const row: MailboxesTable = {
        id: mailboxId,
        name: input.name,
        host: input.host,
        port: input.port,
        tls: input.tls,
        username: input.username,
        password_sealed: sealed ?? before!.password_sealed,
        folder: input.folder,
        processed_folder: input.processedFolder,
        enabled: input.enabled ? 1 : 0,
        last_polled_at: before?.last_polled_at ?? null,
        last_error: before?.last_error ?? null,
        last_count: before?.last_count ?? null,
        created_at: before?.created_at ?? at,
        updated_at: at,
        updated_by: actor.label,
      };
      await store.upsert(tx, row);
      const { password: _password, ...settings } = input;
      await audit.record(tx, actor, {
        action: id ? 'mailbox.changed' : 'mailbox.created',
        targetType: 'mailbox',
        targetId: mailboxId,
        data: { ...settings, passwordChanged: Boolean(input.password) },
      });
      return store.toMailbox(row);
    });
  }

  async function remove(actor: Actor, id: string): Promise<void> {
    requireRole(actor, 'admin');
    await transaction(db, async (tx) => {
      if ((await store.remove(tx, id)) === 0) throw notFound('Mailbox');
      await audit.record(tx, actor, {
        action: 'mailbox.deleted',
        targetType: 'mailbox',
        targetId: id,
        data: {},
      });
    });
  }

  /** "Poll now" from the admin page: the same run the schedule makes, with its result. */
  async function pollNow(actor: Actor, id: string): Promise<MailboxPollResult> {
    requireRole(actor, 'admin');
    if (!(await store.getRow(db, id))) throw notFound('Mailbox');
    return poll(id);
  }

  /** The settings the poller needs, password unsealed; undefined when the mailbox is gone or disabled. */
  async function connection(id: string): Promise<MailboxConnection | undefined> {
    const row = await store.getRow(db, id);
    if (!row || row.enabled !== 1) return undefined;
    return {
      id: row.id,
      name: row.name,
      host: row.host,
      port: row.port,
      tls: row.tls,
      username: row.username,
      password: await unseal(row.id, row.password_sealed),
      folder: row.folder,
      processedFolder: row.processed_folder,
    };
  }

  const recordPoll = (id: string, count: number, error: string | null) =>
    store.recordPoll(db, id, now().toISOString(), count, error);
  const enabledIds = () => store.enabledIds(db);

  return { list, save, remove, pollNow, connection, recordPoll, enabledIds };
}

export type MailboxService = ReturnType<typeof createMailboxService>;
