import { sql, type Insertable } from 'kysely';
import type { AuditEvent, AuditQuery, AuditVerification } from '#contracts/audit.ts';
import type { Actor } from '../auth/actor.ts';
import type { DataKeys } from '../crypto/data-keys.ts';
import { openText, sealText } from '../crypto/envelope.ts';
import type { Db, DatabaseHandle, Queryable } from '../db/database.ts';
import { DomainError } from '../http/domain-error.ts';
import type { AuditEventsTable } from '../db/schema.ts';
import type { SearchIndex } from '../search/search-index.ts';
import { checkLink, GENESIS_HASH, hashEntry, type StoredEntry } from './audit-chain.ts';

export interface AuditRecord {
  action: string;
  targetType: string;
  targetId?: string | null;
  data?: Record<string, unknown>;
  /**
   * Seals `data` under this data key (an incident's): readable while the key lives, gone for good once
   * it is shredded, while the chain, which hashes the sealed form, still verifies.
   */
  sealWith?: SealingKey;
}

export interface SealingKey {
  keyId: string;
  key: Buffer;
}

/** How `data` of a sealed entry is stored. */
type SealedData = Record<string, unknown> & {
  sealed: { keyId: string; box: string };
};

export interface ActorRecord {
  actor: Actor;
  entry: AuditRecord;
}

/** The append-only, hash-chained audit log. `record` must run inside the transaction of the change. */
export interface AuditLog {
  record(tx: Queryable, actor: Actor, entry: AuditRecord): Promise<AuditEvent>;
  /** Many entries at once, chained in the order given (group commits); same entries as `record`. */
  recordMany(tx: Queryable, items: ActorRecord[]): Promise<AuditEvent[]>;
  list(query: AuditQuery): Promise<{ items: AuditEvent[]; nextBefore: number | null }>;
  verify(onProgress?: (checked: number) => void): Promise<AuditVerification>;
}

// Any constant: serialises appends across nodes so two transactions never chain onto the same entry.
const APPEND_LOCK_KEY = 0x46424155;
const VERIFY_BATCH = 1000;
// Rows per insert statement: 10 parameters each, below both dialects' bound-parameter limits.
const ROWS_PER_INSERT = 500;

type Row = Omit<AuditEventsTable, 'seq'> & { seq: number };

function toStored(row: Row): StoredEntry {
  return {
    seq: Number(row.seq),
    at: row.at,
    actorId: row.actor_id,
    actorLabel: row.actor_label,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    data: JSON.parse(row.data) as Record<string, unknown>,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

function toRow(e: StoredEntry): Insertable<AuditEventsTable> {
  return {
    seq: e.seq,
    at: e.at,
    actor_id: e.actorId,
    actor_label: e.actorLabel,
    action: e.action,
    target_type: e.targetType,
    target_id: e.targetId,
    data: JSON.stringify(e.data),
    prev_hash: e.prevHash,
    hash: e.hash,
  };
}

function toEvent({ prevHash: _prev, ...entry }: StoredEntry): AuditEvent {
  return entry;
}

const sealContext = (keyId: string) => `audit:${keyId}`;

function seal({ keyId, key }: SealingKey, data: Record<string, unknown>): SealedData {
  return { sealed: { keyId, box: sealText(key, Buffer.from(JSON.stringify(data)), sealContext(keyId)) } };
}

function sealedPart(data: Record<string, unknown>): SealedData['sealed'] | null {
  const s = (data as Partial<SealedData>).sealed;
  return s && typeof s.keyId === 'string' && typeof s.box === 'string' ? s : null;
}

export function createAuditLog(
  handle: DatabaseHandle,
  search: SearchIndex,
  options: { now?: () => Date; keys?: Pick<DataKeys, 'unwrap'> } = {},
): AuditLog {
  const db: Db = handle.db;
  const { now = () => new Date(), keys } = options;

  /** A key to open sealed entries with, or null once it was shredded. */
  async function openingKey(keyId: string): Promise<Buffer | null> {
    try {
      return await keys!.unwrap(keyId);
    } catch (err) {
      if (err instanceof DomainError && err.code === 'data_destroyed') return null;
      throw err;
    }
  }

  /**
   * A page's sealed entries with their details while the key lives; after shredding, none and
   * `sealed: 'shredded'`. Each key is read once per page, however many entries it sealed.
   */
  async function opened(events: AuditEvent[]): Promise<AuditEvent[]> {
    if (!keys) return events;
    const pageKeys = new Map<string, Promise<Buffer | null>>();
    return Promise.all(
      events.map(async (event) => {
        const part = sealedPart(event.data);
        if (!part) return event;
        if (!pageKeys.has(part.keyId)) pageKeys.set(part.keyId, openingKey(part.keyId));
        const key = await pageKeys.get(part.keyId)!;
        if (!key) return { ...event, data: {}, sealed: 'shredded' as const };
        const text = openText(key, part.box, sealContext(part.keyId)).toString('utf8');
        return { ...event, data: JSON.parse(text) as Record<string, unknown>, sealed: 'open' as const };
      }),
    );
  }

  async function record(tx: Queryable, actor: Actor, input: AuditRecord): Promise<AuditEvent> {
    return (await recordMany(tx, [{ actor, entry: input }]))[0]!;
  }

  /** Chains the entries in order after the last one: one lock, one read and a few inserts in all. */
  async function recordMany(tx: Queryable, items: ActorRecord[]): Promise<AuditEvent[]> {
    if (!items.length) return [];
    if (handle.dialect === 'postgres')
      await sql`SELECT pg_advisory_xact_lock(${APPEND_LOCK_KEY})`.execute(tx);
    const last = await tx
      .selectFrom('audit_events')
      .select(['seq', 'hash'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    let seq = last ? Number(last.seq) : 0;
    let prevHash = last?.hash ?? GENESIS_HASH;
    const at = now().toISOString();
    const entries = items.map(({ actor, entry: input }): StoredEntry => {
      const entry = {
        seq: ++seq,
        at,
        actorId: actor.id,
        actorLabel: actor.label,
        action: input.action,
        targetType: input.targetType,
        targetId: input.targetId ?? null,
        data: input.sealWith ? seal(input.sealWith, input.data ?? {}) : (input.data ?? {}),
        prevHash,
      };
      prevHash = hashEntry(entry);
      return { ...entry, hash: prevHash };
    });
    for (let i = 0; i < entries.length; i += ROWS_PER_INSERT)
      await tx
        .insertInto('audit_events')
        .values(entries.slice(i, i + ROWS_PER_INSERT).map(toRow))
        .execute();
    await search.putMany(
      tx,
      entries.map((e) => ({
        kind: 'audit',
        refId: String(e.seq),
        // Sealed details are not indexed: the index would keep them readable after the key is shredded.
        text: [
          e.action,
          e.actorLabel,
          e.targetType,
          e.targetId ?? '',
          sealedPart(e.data) ? '' : JSON.stringify(e.data),
        ].join(' '),
      })),
    );
    return entries.map(toEvent);
  }

  async function list(query: AuditQuery) {
    let q = db
      .selectFrom('audit_events')
      .selectAll()
      .orderBy('seq', 'desc')
      .limit(query.limit + 1);
    if (query.action) q = q.where('action', '=', query.action);
    if (query.targetType) q = q.where('target_type', '=', query.targetType);
    if (query.targetId) q = q.where('target_id', '=', query.targetId);
    if (query.actorId) q = q.where('actor_id', '=', query.actorId);
    if (query.before) q = q.where('seq', '<', query.before);
    if (query.q) q = q.where(sql<string>`cast(seq as text)`, 'in', search.matching('audit', query.q));
    const rows = (await q.execute()) as Row[];
    const items = await opened(rows.slice(0, query.limit).map((r) => toEvent(toStored(r))));
    const nextBefore = rows.length > query.limit ? (items.at(-1)?.seq ?? null) : null;
    return { items, nextBefore };
  }

  async function verify(onProgress?: (checked: number) => void): Promise<AuditVerification> {
    let expectedSeq = 1;
    let prevHash = GENESIS_HASH;
    let checked = 0;
    let lastSeen = Number.MIN_SAFE_INTEGER; // so rows slipped in below 1 are read, too
    for (;;) {
      const rows = (await db
        .selectFrom('audit_events')
        .selectAll()
        .where('seq', '>', lastSeen)
        .orderBy('seq')
        .limit(VERIFY_BATCH)
        .execute()) as Row[];
      for (const row of rows) {
        const entry = toStored(row);
        const broken = checkLink(entry, expectedSeq, prevHash);
        if (broken) return { ok: false, checked, firstBad: broken };
        checked += 1;
        lastSeen = entry.seq;
        expectedSeq = entry.seq + 1;
        prevHash = entry.hash;
      }
      onProgress?.(checked);
      if (rows.length < VERIFY_BATCH) return { ok: true, checked, firstBad: null };
    }
  }

  return { record, recordMany, list, verify };
}
