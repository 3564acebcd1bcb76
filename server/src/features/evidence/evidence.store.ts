import type { Scope } from '#contracts/identity.ts';
import type { CustodyAction, CustodyEntry, EvidenceItem } from '#contracts/evidence.ts';
import { readableTlps } from '../../platform/auth/actor.ts';
import type { Queryable } from '../../platform/db/database.ts';
import type { EvidenceItemsTable } from '../../platform/db/schema.ts';

/** Kysely only: items of an incident the caller already may see, filtered by the item's own TLP. */
export function createEvidenceStore() {
  const columns = [
    'evidence_items.id',
    'evidence_items.incident_id',
    'evidence_items.filename',
    'evidence_items.content_type',
    'evidence_items.size',
    'evidence_items.sha256',
    'evidence_items.sha1',
    'evidence_items.md5',
    'evidence_items.key_id',
    'evidence_items.tlp',
    'evidence_items.acquired_by',
    'evidence_items.acquired_at',
    'evidence_items.source',
    'evidence_items.method',
    'evidence_items.tool',
    'evidence_items.tool_version',
    'evidence_items.description',
    'evidence_items.created_by',
    'evidence_items.created_at',
  ] as const;

  const scoped = (q: Queryable, scope: Scope, incidentId: string) =>
    q
      .selectFrom('evidence_items')
      .innerJoin('incidents', 'incidents.id', 'evidence_items.incident_id')
      .select([...columns, 'incidents.key as incident_key'])
      .where('evidence_items.incident_id', '=', incidentId)
      .where('evidence_items.tlp', 'in', readableTlps(scope));

  async function list(q: Queryable, scope: Scope, incidentId: string) {
    const rows = await scoped(q, scope, incidentId).orderBy('evidence_items.created_at', 'desc').execute();
    return rows.map(toItem);
  }

  async function get(q: Queryable, scope: Scope, incidentId: string, id: string) {
    const row = await scoped(q, scope, incidentId).where('evidence_items.id', '=', id).executeTakeFirst();
    return row ? { item: toItem(row), keyId: row.key_id } : undefined;
  }

  async function insert(q: Queryable, item: EvidenceItem, at: { incidentId: string; keyId: string }) {
    await q
      .insertInto('evidence_items')
      .values({
        id: item.id,
        incident_id: at.incidentId,
        filename: item.filename,
        content_type: item.contentType,
        size: item.size,
        sha256: item.sha256,
        sha1: item.sha1,
        md5: item.md5,
        key_id: at.keyId,
        tlp: item.tlp,
        acquired_by: item.acquiredBy,
        acquired_at: item.acquiredAt,
        source: item.source,
        method: item.method,
        tool: item.tool,
        tool_version: item.toolVersion,
        description: item.description,
        created_by: item.createdBy,
        created_at: item.createdAt,
      })
      .execute();
  }

  async function custody(q: Queryable, evidenceId: string): Promise<CustodyEntry[]> {
    const rows = await q
      .selectFrom('evidence_custody')
      .selectAll()
      .where('evidence_id', '=', evidenceId)
      .orderBy('seq', 'asc')
      .execute();
    return rows.map((r) => ({
      seq: Number(r.seq),
      at: new Date(r.at).toISOString(),
      actorId: r.actor_id,
      actorLabel: r.actor_label,
      action: r.action as CustodyAction,
      data: JSON.parse(r.data) as Record<string, unknown>,
      prevHash: r.prev_hash,
      hash: r.hash,
    }));
  }

  /** The newest link; on PostgreSQL the item row is locked first so concurrent appends queue up. */
  async function lastLink(q: Queryable, evidenceId: string, lock: boolean) {
    if (lock)
      await q.selectFrom('evidence_items').select('id').where('id', '=', evidenceId).forUpdate().execute();
    return q
      .selectFrom('evidence_custody')
      .select(['seq', 'hash'])
      .where('evidence_id', '=', evidenceId)
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  async function appendCustody(q: Queryable, evidenceId: string, e: CustodyEntry): Promise<void> {
    await q
      .insertInto('evidence_custody')
      .values({
        evidence_id: evidenceId,
        seq: e.seq,
        at: e.at,
        actor_id: e.actorId,
        actor_label: e.actorLabel,
        action: e.action,
        data: JSON.stringify(e.data),
        prev_hash: e.prevHash,
        hash: e.hash,
      })
      .execute();
  }

  return { list, get, insert, custody, lastLink, appendCustody };
}

export type EvidenceStore = ReturnType<typeof createEvidenceStore>;

type Row = Omit<EvidenceItemsTable, 'size'> & { size: number | string | bigint; incident_key: string };

function toItem(r: Row): EvidenceItem {
  return {
    id: r.id,
    incidentKey: r.incident_key,
    filename: r.filename,
    contentType: r.content_type,
    size: Number(r.size),
    sha256: r.sha256,
    sha1: r.sha1,
    md5: r.md5,
    acquiredBy: r.acquired_by,
    acquiredAt: new Date(r.acquired_at).toISOString(),
    source: r.source,
    method: r.method,
    tool: r.tool,
    toolVersion: r.tool_version,
    description: r.description,
    tlp: r.tlp as EvidenceItem['tlp'],
    createdBy: r.created_by,
    createdAt: new Date(r.created_at).toISOString(),
  };
}
