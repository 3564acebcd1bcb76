import type { Communication } from '#contracts/communications.ts';
import type { Queryable } from '../../platform/db/database.ts';
import type { Insertable } from 'kysely';
import type { CommunicationsTable } from '../../platform/db/schema.ts';
import type { SearchIndex } from '../../platform/search/search-index.ts';

/** Where a reply belongs: an incident, or a report not (yet) linked to one. */
export interface ThreadTarget {
  incidentId: string | null;
  reportId: string | null;
}

export function createCommunicationStore(search?: SearchIndex) {
  async function insert(q: Queryable, row: Insertable<CommunicationsTable>): Promise<void> {
    await q.insertInto('communications').values(row).execute();
    await search?.put(q, 'communication', row.id, `${row.subject}\n${row.body}`);
  }

  /** Remembers a Message-ID as belonging to a report or incident; the first owner stays. */
  async function rememberMessageId(q: Queryable, messageId: string, target: ThreadTarget, at: string) {
    await q
      .insertInto('mail_message_ids')
      .values({
        message_id: messageId,
        report_id: target.reportId,
        incident_id: target.incidentId,
        created_at: at,
      })
      .onConflict((oc) => oc.column('message_id').doNothing())
      .execute();
  }

  /**
   * The thread the first known Message-ID belongs to. A report's thread moves to its incident once
   * it is linked; a merged incident's to the one it was merged into.
   */
  async function findThread(q: Queryable, messageIds: string[]): Promise<ThreadTarget | null> {
    if (messageIds.length === 0) return null;
    const rows = await q
      .selectFrom('mail_message_ids as m')
      .leftJoin('incident_reports as ir', 'ir.report_id', 'm.report_id')
      .select(['m.message_id', 'm.report_id', 'm.incident_id', 'ir.incident_id as linked_incident_id'])
      .where('m.message_id', 'in', messageIds.slice(0, 100))
      .execute();
    // References lists the oldest first (RFC 5322 §3.6.4); the caller passes In-Reply-To first.
    for (const id of messageIds)
      for (const row of rows.filter((r) => r.message_id === id)) {
        const incidentId = row.incident_id ?? row.linked_incident_id;
        if (!incidentId) return { incidentId: null, reportId: row.report_id };
        const live = await survivor(q, incidentId);
        if (live) return { incidentId: live, reportId: row.report_id };
      }
    return null;
  }

  /**
   * Follows merges to the incident that is still handled; null when it was destroyed under the retention
   * policy: a late reply must not bring content back to it, so it arrives as a new report instead.
   */
  async function survivor(q: Queryable, incidentId: string): Promise<string | null> {
    let id = incidentId;
    for (let hops = 0; hops < 10; hops++) {
      const row = await q
        .selectFrom('incidents')
        .leftJoin('incident_tombstones as t', 't.incident_id', 'incidents.id')
        .select(['incidents.merged_into_id', 't.incident_id as destroyed'])
        .where('incidents.id', '=', id)
        .executeTakeFirst();
      if (row?.destroyed) return null;
      if (!row?.merged_into_id) return id;
      id = row.merged_into_id;
    }
    return id;
  }

  async function incidentRef(q: Queryable, id: string) {
    return q
      .selectFrom('incidents')
      .select(['id', 'key', 'constituency_id'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  }

  /** The report a public reference (R-XXXXX-XXXXX, given in acknowledgements) names, with its incident. */
  async function threadOfReportRef(q: Queryable, ref: string): Promise<ThreadTarget | null> {
    const row = await q
      .selectFrom('reports as r')
      .leftJoin('incident_reports as ir', 'ir.report_id', 'r.id')
      .select(['r.id', 'ir.incident_id'])
      .where('r.public_ref', '=', ref)
      .executeTakeFirst();
    if (!row) return null;
    if (!row.incident_id) return { reportId: row.id, incidentId: null };
    const live = await survivor(q, row.incident_id);
    return live ? { reportId: row.id, incidentId: live } : null;
  }

  async function reportConstituency(q: Queryable, reportId: string): Promise<string | null> {
    const row = await q
      .selectFrom('reports')
      .select('constituency_id')
      .where('id', '=', reportId)
      .executeTakeFirst();
    return row?.constituency_id ?? null;
  }

  async function incidentIdByKey(q: Queryable, key: string): Promise<string | null> {
    const row = await q.selectFrom('incidents').select('id').where('key', '=', key).executeTakeFirst();
    return row ? survivor(q, row.id) : null;
  }

  /** How many automatic messages went to an address since a time: the acknowledgement flood guard. */
  async function automatedSentTo(q: Queryable, address: string, since: string): Promise<number> {
    const row = await q
      .selectFrom('communications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('direction', '=', 'outbound')
      .where('automated', '=', 1)
      .where('to_addresses', '=', JSON.stringify([address]))
      .where('at', '>=', since)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async function list(
    q: Queryable,
    where: { incidentId: string } | { reportId: string },
  ): Promise<Communication[]> {
    let query = q
      .selectFrom('communications as c')
      .leftJoin('incidents as i', 'i.id', 'c.incident_id')
      .selectAll('c')
      .select('i.key as incident_key')
      .orderBy('c.at')
      .orderBy('c.id')
      .limit(1000);
    query =
      'incidentId' in where
        ? query.where('c.incident_id', '=', where.incidentId)
        : query.where('c.report_id', '=', where.reportId);
    const rows = await query.execute();
    return rows.map((r) => ({
      id: r.id,
      incidentKey: r.incident_key,
      reportId: r.report_id,
      direction: r.direction,
      channel: r.channel,
      messageId: r.message_id,
      from: { name: r.from_name, address: r.from_address },
      to: JSON.parse(r.to_addresses) as string[],
      subject: r.subject,
      body: r.body,
      rawSha256: r.raw_sha256,
      automated: r.automated === 1,
      encrypted: r.encrypted === 1,
      status: r.status as Communication['status'],
      at: new Date(r.at).toISOString(),
      createdBy: r.created_by,
    }));
  }

  function get(q: Queryable, id: string) {
    return q.selectFrom('communications').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async function setStatus(q: Queryable, id: string, status: string): Promise<void> {
    await q.updateTable('communications').set({ status }).where('id', '=', id).execute();
  }

  return {
    insert,
    rememberMessageId,
    findThread,
    incidentRef,
    reportConstituency,
    incidentIdByKey,
    threadOfReportRef,
    automatedSentTo,
    list,
    setStatus,
    get,
  };
}

export type CommunicationStore = ReturnType<typeof createCommunicationStore>;
