import type { CustodyAction, CustodyEntry } from '#contracts/evidence.ts';
import { checkLink, GENESIS_HASH, hashEntry, type ChainBreak } from '../../platform/audit/audit-chain.ts';

/** What a new custody entry says; the chain fields are added by {@link chainEntry}. */
export interface CustodyRecord {
  at: string;
  actorId: string | null;
  actorLabel: string;
  action: CustodyAction;
  data: Record<string, unknown>;
}

/**
 * The next link of an item's custody chain, hashed like the audit log (SHA-256 over the JCS form,
 * previous hash included) with the item as target, so one entry cannot be moved to another item.
 */
export function chainEntry(
  evidenceId: string,
  previous: Pick<CustodyEntry, 'seq' | 'hash'> | undefined,
  record: CustodyRecord,
): CustodyEntry {
  const seq = (previous?.seq ?? 0) + 1;
  const prevHash = previous?.hash ?? GENESIS_HASH;
  const hash = hashEntry({ ...chained(evidenceId, record), seq, prevHash });
  return { seq, prevHash, hash, ...record };
}

function chained(evidenceId: string, r: CustodyRecord) {
  return {
    at: r.at,
    actorId: r.actorId,
    actorLabel: r.actorLabel,
    action: r.action,
    targetType: 'evidence',
    targetId: evidenceId,
    data: r.data,
  };
}

/** The first break in an item's custody chain (deleted, inserted, altered or re-chained), or null. */
export function checkCustodyChain(evidenceId: string, entries: CustodyEntry[]): ChainBreak | null {
  let prevHash = GENESIS_HASH;
  for (const [i, e] of entries.entries()) {
    const found = checkLink(
      { ...chained(evidenceId, e), seq: e.seq, prevHash: e.prevHash, hash: e.hash },
      i + 1,
      prevHash,
    );
    if (found) return found;
    prevHash = e.hash;
  }
  return null;
}

const CSV_COLUMNS = ['seq', 'at', 'action', 'actor', 'details', 'prev_hash', 'hash'] as const;

/**
 * The custody log as CSV (RFC 4180): quoted fields, CRLF; cells that a spreadsheet would run as a
 * formula (`=`, `+`, `-`, `@`, tab, CR; OWASP "CSV injection") are prefixed with a quote.
 */
export function custodyCsv(entries: CustodyEntry[]): string {
  const cell = (value: string) => {
    const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
    return `"${safe.replaceAll('"', '""')}"`;
  };
  const rows = entries.map((e) =>
    [String(e.seq), e.at, e.action, e.actorLabel, JSON.stringify(e.data), e.prevHash, e.hash]
      .map(cell)
      .join(','),
  );
  return [CSV_COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}
