import type { Queryable } from '../../platform/db/database.ts';

/** What templates draw on beyond the incident itself: its observables, its first report's reference, names. */
export function createComposeStore() {
  /**
   * The incident's observables, its own and its reports', distinct, as `type: value` lines (at most 200),
   * only those marked at a TLP in `tlps`: a message never carries what is marked stricter than itself.
   */
  async function observableLines(
    q: Queryable,
    incidentId: string,
    tlps: readonly string[],
  ): Promise<string[]> {
    const own = q
      .selectFrom('incident_observables as io')
      .select(['io.type', 'io.value'])
      .where('io.incident_id', '=', incidentId)
      .where('io.tlp', 'in', tlps);
    const rows = await q
      .selectFrom('report_observables as o')
      .innerJoin('incident_reports as ir', 'ir.report_id', 'o.report_id')
      .innerJoin('reports as r', 'r.id', 'o.report_id')
      .select(['o.type', 'o.value'])
      .where('ir.incident_id', '=', incidentId)
      .where('r.tlp', 'in', tlps)
      .union(own)
      .orderBy('type')
      .orderBy('value')
      .limit(200)
      .execute();
    return rows.map((r) => `${r.type}: ${r.value}`);
  }

  /** The public reference of the incident's first report, as reporters were told it. */
  async function firstReportRef(q: Queryable, incidentId: string): Promise<string | null> {
    const row = await q
      .selectFrom('incident_reports as ir')
      .innerJoin('reports as r', 'r.id', 'ir.report_id')
      .select(['r.public_ref', 'r.id'])
      .where('ir.incident_id', '=', incidentId)
      .orderBy('r.received_at')
      .limit(1)
      .executeTakeFirst();
    return row ? (row.public_ref ?? row.id) : null;
  }

  async function userName(q: Queryable, id: string | null): Promise<string | null> {
    if (!id) return null;
    const row = await q.selectFrom('users').select('name').where('id', '=', id).executeTakeFirst();
    return row?.name ?? null;
  }

  return { observableLines, firstReportRef, userName };
}

export type ComposeStore = ReturnType<typeof createComposeStore>;
