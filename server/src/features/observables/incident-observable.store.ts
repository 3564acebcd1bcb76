import type { Scope, Tlp } from '#contracts/identity.ts';
import type { ExtractedObservable, ObservableType } from '#contracts/observables.ts';
import { readableTlps } from '../../platform/auth/actor.ts';
import { inScope } from '../../platform/auth/scope-filter.ts';
import type { Queryable } from '../../platform/db/database.ts';
import type { IncidentObservablesTable, ObservableEnrichmentsTable } from '../../platform/db/schema.ts';

/** Values per `in (...)` list: far below both dialects' bound-parameter limits. */
const CHUNK = 500;
// incident_observables has 11 columns: 500 rows bind 5,500 parameters.
const ROWS_PER_INSERT = 500;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const pairKey = (o: ExtractedObservable) => `${o.type}\u0000${o.value}`;

/** An observable of a linked report, with the report's marking. */
export interface ReportObservableRow extends ExtractedObservable {
  reportId: string;
  tlp: Tlp;
}

/** Where else an observable was seen: other incidents (directly or by their reports), and reports outside this incident. */
export interface SightingSets {
  incidentKeys: Set<string>;
  reportIds: Set<string>;
}

export function createIncidentObservableStore() {
  /** The incident's own observables at or below the scope's TLP ceiling. */
  function own(q: Queryable, scope: Scope, incidentId: string): Promise<IncidentObservablesTable[]> {
    return q
      .selectFrom('incident_observables')
      .selectAll()
      .where('incident_id', '=', incidentId)
      .where('tlp', 'in', readableTlps(scope))
      .orderBy('type')
      .orderBy('value')
      .execute();
  }

  /** Every own observable, whatever its marking: for duplicate checks on write. */
  async function ownKeys(q: Queryable, incidentId: string): Promise<Set<string>> {
    const rows = await q
      .selectFrom('incident_observables')
      .select(['type', 'value'])
      .where('incident_id', '=', incidentId)
      .execute();
    return new Set(rows.map((r) => pairKey({ type: r.type as ObservableType, value: r.value })));
  }

  function byId(q: Queryable, incidentId: string, id: string) {
    return q
      .selectFrom('incident_observables')
      .selectAll()
      .where('incident_id', '=', incidentId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /** Observables of the incident's linked reports that the scope may see. */
  async function fromReports(q: Queryable, scope: Scope, incidentId: string): Promise<ReportObservableRow[]> {
    const rows = await q
      .selectFrom('incident_reports')
      .innerJoin('reports', 'reports.id', 'incident_reports.report_id')
      .innerJoin('report_observables as o', 'o.report_id', 'reports.id')
      .where('incident_reports.incident_id', '=', incidentId)
      .where(inScope(scope, 'reports'))
      .select(['o.type', 'o.value', 'reports.id as report_id', 'reports.tlp'])
      .execute();
    return rows.map((r) => ({
      type: r.type as ObservableType,
      value: r.value,
      reportId: r.report_id,
      tlp: r.tlp as Tlp,
    }));
  }

  async function insertMany(q: Queryable, rows: IncidentObservablesTable[]): Promise<void> {
    for (const part of chunks(rows, ROWS_PER_INSERT))
      await q.insertInto('incident_observables').values(part).execute();
  }

  async function update(
    q: Queryable,
    id: string,
    changes: Partial<Pick<IncidentObservablesTable, 'tags' | 'ioc' | 'tlp' | 'updated_at'>>,
  ): Promise<void> {
    await q.updateTable('incident_observables').set(changes).where('id', '=', id).execute();
  }

  async function remove(q: Queryable, id: string): Promise<void> {
    await q.deleteFrom('incident_observables').where('id', '=', id).execute();
  }

  /**
   * Sightings of many observables at once, outside this incident and within the scope: other
   * incidents holding them (at a readable TLP), and reports carrying them that are not linked here
   * (naming the incident such a report belongs to when the scope may see it).
   */
  async function sightings(
    q: Queryable,
    scope: Scope,
    incidentId: string,
    observables: ExtractedObservable[],
  ): Promise<Map<string, SightingSets>> {
    const out = new Map<string, SightingSets>(
      observables.map((o) => [pairKey(o), { incidentKeys: new Set(), reportIds: new Set() }]),
    );
    const values = [...new Set(observables.map((o) => o.value))];
    for (const part of chunks(values, CHUNK)) {
      const direct = await q
        .selectFrom('incident_observables as io')
        .innerJoin('incidents', 'incidents.id', 'io.incident_id')
        .where(inScope(scope, 'incidents'))
        .where('io.value', 'in', part)
        .where('io.incident_id', '!=', incidentId)
        .where('io.tlp', 'in', readableTlps(scope))
        .select(['io.type', 'io.value', 'incidents.key'])
        .execute();
      for (const r of direct) out.get(pairKey(r as ExtractedObservable))?.incidentKeys.add(r.key);
      const viaReports = await q
        .selectFrom('report_observables as o')
        .innerJoin('reports', 'reports.id', 'o.report_id')
        .leftJoin('incident_reports as ir', 'ir.report_id', 'reports.id')
        .leftJoin('incidents', (join) =>
          join.onRef('incidents.id', '=', 'ir.incident_id').on(inScope(scope, 'incidents')),
        )
        .where(inScope(scope, 'reports'))
        .where('o.value', 'in', part)
        .where((eb) => eb.or([eb('ir.incident_id', 'is', null), eb('ir.incident_id', '!=', incidentId)]))
        .select(['o.type', 'o.value', 'reports.id as report_id', 'incidents.key'])
        .execute();
      for (const r of viaReports) {
        const seen = out.get(pairKey(r as ExtractedObservable));
        seen?.reportIds.add(r.report_id);
        if (r.key) seen?.incidentKeys.add(r.key);
      }
    }
    return out;
  }

  /** Cached analyzer results for these observables, as the given scope saw them. */
  async function enrichments(
    q: Queryable,
    incidentId: string,
    scopeKey: string,
    observables: ExtractedObservable[],
  ): Promise<ObservableEnrichmentsTable[]> {
    const out: ObservableEnrichmentsTable[] = [];
    const wanted = new Set(observables.map(pairKey));
    for (const part of chunks([...new Set(observables.map((o) => o.value))], CHUNK)) {
      const rows = await q
        .selectFrom('observable_enrichments')
        .selectAll()
        .where('incident_id', '=', incidentId)
        .where('scope_key', '=', scopeKey)
        .where('value', 'in', part)
        .execute();
      out.push(...rows.filter((r) => wanted.has(pairKey(r as ExtractedObservable))));
    }
    return out.sort((a, b) => a.analyzer.localeCompare(b.analyzer));
  }

  async function saveEnrichment(q: Queryable, row: ObservableEnrichmentsTable): Promise<void> {
    const { verdict, summary, details, analyzed_at, expires_at } = row;
    await q
      .insertInto('observable_enrichments')
      .values(row)
      .onConflict((oc) =>
        oc
          .columns(['incident_id', 'type', 'value', 'analyzer', 'scope_key'])
          .doUpdateSet({ verdict, summary, details, analyzed_at, expires_at }),
      )
      .execute();
  }

  return {
    own,
    ownKeys,
    byId,
    fromReports,
    insertMany,
    update,
    remove,
    sightings,
    enrichments,
    saveEnrichment,
  };
}

export type IncidentObservableStore = ReturnType<typeof createIncidentObservableStore>;
export { pairKey };
