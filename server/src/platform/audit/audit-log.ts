import { sql } from 'kysely';
import type { AuditEvent, AuditQuery, AuditVerification } from '#contracts/audit.ts';
import type { Actor } from '../auth/actor.ts';
import type { Db, DatabaseHandle, Queryable } from '../db/database.ts';
import type { AuditEventsTable } from '../db/schema.ts';
import type { SearchIndex } from '../search/search-index.ts';
import { checkLink, GENESIS_HASH, hashEntry, type StoredEntry } from './audit-chain.ts';

export interface AuditRecord {
  action: string;
  targetType: string;
  targetId?: string | null;
  data?: Record<string, unknown>;
}

/** The append-only, hash-chained audit log. `record` must run inside the transaction of the change. */
export interface AuditLog {
  record(tx: Queryable, actor: Actor, entry: AuditRecord): Promise<AuditEvent>;
  list(query: AuditQuery): Promise<{ items: AuditEvent[]; nextBefore: number | null }>;
  verify(onProgress?: (checked: number) => void): Promise<AuditVerification>;
}

// Any constant: serialises appends across nodes so two transactions never chain onto the same entry.
const APPEND_LOCK_KEY = 0x46424155;
const VERIFY_BATCH = 1000;

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

function toEvent({ prevHash: _prev, ...entry }: StoredEntry): AuditEvent {
  return entry;
}

export function createAuditLog(
  handle: DatabaseHandle,
  search: SearchIndex,
  now: () => Date = () => new Date(),
): AuditLog {
  const db: Db = handle.db;

  async function record(tx: Queryable, actor: Actor, input: AuditRecord): Promise<AuditEvent> {
    if (handle.dialect === 'postgres')
      await sql`SELECT pg_advisory_xact_lock(${APPEND_LOCK_KEY})`.execute(tx);
    const last = await tx
      .selectFrom('audit_events')
      .select(['seq', 'hash'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    const entry = {
      seq: last ? Number(last.seq) + 1 : 1,
      at: now().toISOString(),
      actorId: actor.id,
      actorLabel: actor.label,
      action: input.action,
      targetType: input.targetType,
      targetId: input.targetId ?? null,
      data: input.data ?? {},
      prevHash: last?.hash ?? GENESIS_HASH,
    };
    const hash = hashEntry(entry);
    await tx
      .insertInto('audit_events')
      .values({
        seq: entry.seq,
        at: entry.at,
        actor_id: entry.actorId,
        actor_label: entry.actorLabel,
        action: entry.action,
        target_type: entry.targetType,
        target_id: entry.targetId,
        data: JSON.stringify(entry.data),
        prev_hash: entry.prevHash,
        hash,
      })
      .execute();
    const text = [
      entry.action,
      entry.actorLabel,
      entry.targetType,
      entry.targetId ?? '',
      JSON.stringify(entry.data),
    ].join(' ');
    await search.put(tx, 'audit', String(entry.seq), text);
    return toEvent({ ...entry, hash });
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
    const items = rows.slice(0, query.limit).map((r) => toEvent(toStored(r)));
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

  return { record, list, verify };
}
