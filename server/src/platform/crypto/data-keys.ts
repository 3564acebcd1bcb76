import { hkdfSync, randomUUID } from 'node:crypto';
import type { Db, Queryable } from '../db/database.ts';
import { DomainError } from '../http/domain-error.ts';
import { DecryptionError, generateDataKey, KEY_BYTES, unwrapKey, wrapKey } from './envelope.ts';
import type { KeyShreds } from './key-shreds.ts';

/**
 * Data keys: random AES-256 keys, stored wrapped by the master key, one per purpose
 * (`reports:2026-05`, later `incident:<id>`). Destroying one shreds everything encrypted under it.
 */
export interface DataKeys {
  /**
   * The id of the live key for `purpose`, created on first use (safe when several nodes race). Inside a
   * transaction pass it as `q`: SQLite has one connection, which the transaction holds.
   */
  forPurpose(purpose: string, q?: Queryable): Promise<string>;
  /** The unwrapped key; refused once the key is destroyed. */
  unwrap(id: string, q?: Queryable): Promise<Buffer>;
  /** Shreds the key: overwrites its wrapped form and marks it destroyed, in `q` when given. */
  destroy(id: string, q?: Queryable): Promise<void>;
  /** Throws when the master key cannot unwrap the newest live key (a wrong or replaced master key). */
  verifyMasterKey(): Promise<void>;
}

/** The data key of an incident: shredding it makes its evidence and sealed audit details unreadable. */
export const incidentKeyPurpose = (incidentId: string) => `incident:${incidentId}`;

/** Purposes are short names like `reports:2026-05` or `incident:<uuid>`. */
const PURPOSE = /^[a-z][a-z0-9_-]*:[A-Za-z0-9_.:-]{1,120}$/;

/** Keys of these purposes are wrapped under the master key *and* a secret outside the database. */
const SHREDDABLE = /^incident:/;
const SHREDDABLE_PREFIX = 's.';

export const dataKeyDestroyed = (id: string) =>
  new DomainError('gone', 'data_destroyed', `The data was destroyed: its encryption key ${id} was shredded`);

export function createDataKeys(options: {
  db: Db;
  masterKey: Buffer;
  now: () => Date;
  /** Unwrapped keys kept in memory (least recently used out). */
  cacheSize?: number;
  /** Secrets of shreddable keys (`incident:*`); without it those keys are wrapped like the others. */
  shreds?: KeyShreds;
}): DataKeys {
  const { db, masterKey, now, shreds } = options;
  const cacheSize = options.cacheSize ?? 256;
  const cache = new Map<string, Buffer>();
  const context = (id: string, purpose: string) => `${id}:${purpose}`;
  // HKDF (RFC 5869) of the master key salted with the key's own secret: both are needed to unwrap.
  const shredKek = (secret: Buffer, id: string) =>
    Buffer.from(hkdfSync('sha256', masterKey, secret, `firebreak-shred:${id}`, KEY_BYTES));

  function wrapNew(id: string, purpose: string): string {
    const key = generateDataKey();
    if (!shreds || !SHREDDABLE.test(purpose)) return wrapKey(masterKey, key, context(id, purpose));
    return SHREDDABLE_PREFIX + wrapKey(shredKek(shreds.create(id), id), key, context(id, purpose));
  }

  const live = (purpose: string, q: Queryable) =>
    q
      .selectFrom('data_keys')
      .select('id')
      .where('purpose', '=', purpose)
      .where('destroyed_at', 'is', null)
      .executeTakeFirst();

  async function forPurpose(purpose: string, q: Queryable = db): Promise<string> {
    if (!PURPOSE.test(purpose)) throw new Error(`Not a data key purpose: ${purpose}`);
    const found = await live(purpose, q);
    if (found) return found.id;
    const id = randomUUID();
    await q
      .insertInto('data_keys')
      .values({
        id,
        purpose,
        wrapped_key: wrapNew(id, purpose),
        created_at: now().toISOString(),
        destroyed_at: null,
      })
      // One live key per purpose (partial unique index); whoever lost the race uses the winner's.
      .onConflict((oc) => oc.column('purpose').where('destroyed_at', 'is', null).doNothing())
      .execute();
    const winner = (await live(purpose, q))!.id;
    if (winner !== id) shreds?.shred(id);
    return winner;
  }

  async function unwrap(id: string, q: Queryable = db): Promise<Buffer> {
    // The row is read every time, so a key destroyed by any node is refused at once; the cache only
    // saves the unwrapping.
    const row = await q
      .selectFrom('data_keys')
      .select(['purpose', 'wrapped_key', 'destroyed_at'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw new Error(`Unknown data key ${id}`);
    if (row.destroyed_at !== null) {
      cache.delete(id);
      throw dataKeyDestroyed(id);
    }
    let key = cache.get(id);
    if (key) cache.delete(id);
    else key = unwrapOrExplain(id, row.wrapped_key, row.purpose);
    cache.set(id, key);
    if (cache.size > cacheSize) cache.delete(cache.keys().next().value!);
    return key;
  }

  function unwrapOrExplain(id: string, wrapped: string, purpose: string): Buffer {
    let kek = masterKey;
    if (wrapped.startsWith(SHREDDABLE_PREFIX)) {
      // A restored backup still has the wrapped key; its secret was shredded with the key.
      const secret = shreds?.read(id);
      if (!secret) throw dataKeyDestroyed(id);
      kek = shredKek(secret, id);
      wrapped = wrapped.slice(SHREDDABLE_PREFIX.length);
    }
    try {
      return unwrapKey(kek, wrapped, context(id, purpose));
    } catch (err) {
      if (!(err instanceof DecryptionError)) throw err;
      throw new DomainError(
        'integrity',
        'data_key_unreadable',
        `Data key ${id} cannot be unwrapped: the master key differs from the one it was created with`,
      );
    }
  }

  async function destroy(id: string, q: Queryable = db): Promise<void> {
    cache.delete(id);
    // First, so that even a rolled-back transaction leaves the key unreadable (destruction was decided).
    shreds?.shred(id);
    // The wrapped key is overwritten, not just flagged: without it the blobs cannot be decrypted.
    await q
      .updateTable('data_keys')
      .set({ wrapped_key: '', destroyed_at: now().toISOString() })
      .where('id', '=', id)
      .where('destroyed_at', 'is', null)
      .execute();
  }

  async function verifyMasterKey(): Promise<void> {
    const newest = await db
      .selectFrom('data_keys')
      .select(['id', 'purpose', 'wrapped_key'])
      .where('destroyed_at', 'is', null)
      .where('wrapped_key', 'not like', `${SHREDDABLE_PREFIX}%`)
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
    if (newest) unwrapOrExplain(newest.id, newest.wrapped_key, newest.purpose);
  }

  return { forPurpose, unwrap, destroy, verifyMasterKey };
}
