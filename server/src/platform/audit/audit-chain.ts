import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** The hash that precedes the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedEntry {
  seq: number;
  at: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string | null;
  data: Record<string, unknown>;
  prevHash: string;
}

/** SHA-256 over the RFC 8785 (JCS) canonical JSON of the entry, previous hash included. */
export function hashEntry(entry: ChainedEntry): string {
  const canonical = canonicalize(entry);
  if (canonical === undefined) throw new Error('audit entry cannot be canonicalised');
  return createHash('sha256').update(canonical).digest('hex');
}

export interface StoredEntry extends ChainedEntry {
  hash: string;
}

export interface ChainBreak {
  seq: number;
  reason: string;
}

/**
 * Checks one stored entry against the one before it; returns the break it finds, if any.
 * `expectedSeq` and `prevHash` come from the previous entry (or the genesis).
 */
export function checkLink(entry: StoredEntry, expectedSeq: number, prevHash: string): ChainBreak | null {
  if (entry.seq > expectedSeq)
    return { seq: expectedSeq, reason: `entry ${expectedSeq} is missing (deleted)` };
  if (entry.seq < expectedSeq)
    return { seq: entry.seq, reason: `entry ${entry.seq} is out of order (inserted)` };
  if (entry.prevHash !== prevHash) {
    return {
      seq: entry.seq,
      reason: `entry ${entry.seq} does not follow entry ${entry.seq - 1} (inserted or re-chained)`,
    };
  }
  const { hash, ...chained } = entry;
  if (hashEntry(chained) !== hash) return { seq: entry.seq, reason: `entry ${entry.seq} was altered` };
  return null;
}
