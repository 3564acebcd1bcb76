import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { CustodyAction, EvidenceItem } from '#contracts/evidence.ts';
import type { AuditLog } from '../../platform/audit/audit-log.ts';
import type { DataKeys } from '../../platform/crypto/data-keys.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { DatabaseHandle, Tx } from '../../platform/db/database.ts';
import { chainEntry } from './evidence.rules.ts';
import type { EvidenceStore } from './evidence.store.ts';

/** Appends to an item's custody chain and mirrors the entry in the audit log, inside `tx`. */
export function createCustodyAppender(deps: {
  handle: DatabaseHandle;
  store: EvidenceStore;
  audit: AuditLog;
  keys: Pick<DataKeys, 'unwrap'>;
  now: () => Date;
}) {
  const { handle, store, audit, keys, now } = deps;
  return async function append(
    tx: Tx,
    actor: Actor,
    { item, keyId }: { item: EvidenceItem; keyId: string },
    action: CustodyAction,
    data: Record<string, unknown>,
  ) {
    // PostgreSQL: lock the item so two downloads at once chain one after the other (SQLite writes
    // are serial already).
    const previous = await store.lastLink(tx, item.id, handle.dialect === 'postgres');
    const entry = chainEntry(item.id, previous && { seq: Number(previous.seq), hash: previous.hash }, {
      at: now().toISOString(),
      actorId: actor.id,
      actorLabel: actor.label,
      action,
      data,
    });
    await store.appendCustody(tx, item.id, entry);
    await audit.record(tx, actor, {
      action: `evidence.${action}`,
      targetType: 'evidence',
      targetId: item.id,
      data: { incident: item.incidentKey, sha256: item.sha256, seq: entry.seq, ...data },
      // Under the item's (incident's) key: filename, source and people go with it when it is destroyed.
      sealWith: { keyId, key: await keys.unwrap(keyId, tx) },
    });
    return entry;
  };
}

/** Reads a (verifying) plaintext stream to its end and returns its size and digests. */
export async function rehash(stream: Readable) {
  const [sha256, sha1, md5] = ['sha256', 'sha1', 'md5'].map((a) => createHash(a)) as [
    ReturnType<typeof createHash>,
    ReturnType<typeof createHash>,
    ReturnType<typeof createHash>,
  ];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    sha256.update(chunk);
    sha1.update(chunk);
    md5.update(chunk);
  }
  return { sha256: sha256.digest('hex'), sha1: sha1.digest('hex'), md5: md5.digest('hex'), size };
}
