import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Dialect, Tx } from './database.ts';

/**
 * Locks each key until the transaction ends, so transactions that decide on the same key (does a
 * report with this fingerprint exist yet?) run one after another instead of both deciding "no".
 *
 * PostgreSQL: transaction-scoped advisory locks in the two-key space (`namespace`, 32-bit hash of the
 * key), which never meets the single-key locks such as the audit log's. Keys are taken in ascending
 * order, so two transactions locking overlapping sets cannot deadlock on each other; a hash collision
 * only makes two unrelated keys wait for each other.
 *
 * SQLite needs nothing: it has one writer at a time, the process's single connection runs
 * transactions one after another, and a transaction that starts with a write holds the write lock
 * against other processes until it ends.
 */
export async function lockKeys(
  tx: Tx,
  dialect: Dialect,
  namespace: number,
  keys: Iterable<string>,
): Promise<void> {
  if (dialect !== 'postgres') return;
  const ids = [...new Set([...keys].map(hash32))].sort((a, b) => a - b);
  if (!ids.length) return;
  // One statement; unnest yields the array in order, so the locks are taken in that order.
  await sql`SELECT pg_advisory_xact_lock(${namespace}::int4, k) FROM unnest(${ids}::int4[]) AS k`.execute(tx);
}

function hash32(key: string): number {
  return createHash('sha256').update(key).digest().readInt32BE(0);
}
