import type { Asset, Criticality } from '#contracts/constituencies.ts';
import type { Scope, Tlp } from '#contracts/identity.ts';
import { sql } from 'kysely';
import type { ExtractedObservable, ObservableType } from '#contracts/observables.ts';
import type {
  Channel,
  DiscardReason,
  Pap,
  Report,
  ReportSummary,
  Severity,
  TrustLevel,
} from '#contracts/reports.ts';
import { readableTlps } from '../../platform/auth/actor.ts';
import { inScope } from '../../platform/auth/scope-filter.ts';
import { insertUnnested, unnestPays } from '../../platform/db/bulk-insert.ts';
import type { Dialect, Queryable } from '../../platform/db/database.ts';
import type { ReportFilesTable, ReportsTable } from '../../platform/db/schema.ts';
import type { SearchIndex } from '../../platform/search/search-index.ts';
import { reportFiles } from './report-files.store.ts';

type Row = ReportsTable & {
  constituency_name: string | null;
  constituency_criticality: string | null;
  incident_key: string | null;
  /** Size of the raw submission when it is kept as a blob (the row's `raw` is empty then). */
  raw_file_size: number | string | null;
};

/** An observable of a report and whether the sender listed it (`sent`) or it was found in the text. */
export interface ReportObservable extends ExtractedObservable {
  origin: 'sent' | 'extracted';
}

/** Rows per insert statement: far below SQLite's 32,766 and PostgreSQL's 65,535 bound parameters. */
const OBSERVABLE_ROWS_PER_INSERT = 1000;
// Reports have 31 columns: 500 rows bind 15,500 parameters.
const REPORT_ROWS_PER_INSERT = 500;

/** A report row to insert with its observables. */
export interface NewRow {
  row: ReportsTable;
  observables: ReportObservable[];
}

function toSummary(
  r: Row,
): Omit<Report, 'body' | 'observables' | 'sentObservables' | 'files' | 'parseWarnings'> {
  return {
    id: r.id,
    channel: r.channel as Channel,
    reporter: {
      kind: r.reporter_kind as Report['reporter']['kind'],
      name: r.reporter_name,
      contact: r.reporter_contact,
      trust: r.reporter_trust as TrustLevel,
    },
    receivedAt: r.received_at,
    title: r.title,
    rawSha256: r.raw_sha256,
    rawSize: r.raw_file_size !== null ? Number(r.raw_file_size) : Buffer.byteLength(r.raw),
    tlp: r.tlp as Tlp,
    pap: r.pap as Pap,
    severity: r.severity as Severity | null,
    status: r.status as Report['status'],
    discard: r.discard_reason
      ? { reason: r.discard_reason as DiscardReason, note: r.discard_note ?? '' }
      : null,
    constituency:
      r.constituency_id && r.constituency_name
        ? {
            id: r.constituency_id,
            name: r.constituency_name,
            criticality: r.constituency_criticality as Criticality,
          }
        : null,
    matchedBy: r.matched_by ? (JSON.parse(r.matched_by) as Asset) : null,
    incidentKey: r.incident_key,
    source: r.source,
    sourceRef: r.source_ref,
    seenCount: r.seen_count,
    lastSeenAt: r.last_seen_at ?? r.received_at,
    publicRef: r.public_ref,
    createdBy: r.created_by,
    createdAt: r.created_at,
    version: r.version,
  };
}

/**
 * A report just written, as `get` would read it back: nothing links to it yet, and its observables are
 * sorted as the database sorts them (binary order: SQLite's default, PostgreSQL's C collation).
 */
export function writtenReport(
  { row, observables, files }: NewRow & { files: ReportFilesTable[] },
  constituency: { name: string; criticality: string } | undefined,
): Report {
  const raw = files.find((f) => f.role === 'raw');
  const summary = toSummary({
    ...row,
    constituency_name: constituency?.name ?? null,
    constituency_criticality: constituency?.criticality ?? null,
    incident_key: null,
    raw_file_size: raw ? raw.size : null,
  });
  const byTypeValue = (a: ExtractedObservable, b: ExtractedObservable) =>
    a.type < b.type ? -1 : a.type > b.type ? 1 : a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
  return {
    ...summary,
    body: row.body,
    observables: observables.map((o) => ({ type: o.type, value: o.value })).sort(byTypeValue),
    sentObservables: observables
      .filter((o) => o.origin === 'sent')
      .map((o) => ({ type: o.type, value: o.value }))
      .sort(byTypeValue),
    files: [...files]
      .sort((a, b) => a.position - b.position)
      .map((f) => ({
        role: f.role,
        filename: f.filename,
        contentType: f.content_type,
        size: f.size,
        sha256: f.sha256,
      })),
    parseWarnings: row.parse_warnings ? (JSON.parse(row.parse_warnings) as string[]) : [],
  };
}

export function createReportStore(search: SearchIndex, dialect: Dialect) {
  /**
   * Reports the scope may read: of its constituencies (unattributed ones only for unrestricted users)
   * and at or below its TLP ceiling. Every read goes through here.
   */
  const scoped = (q: Queryable, scope: Scope) => {
    return (
      q
        .selectFrom('reports')
        .leftJoin('constituencies', 'constituencies.id', 'reports.constituency_id')
        .leftJoin('incident_reports', 'incident_reports.report_id', 'reports.id')
        // The incident it is linked to, named only when the scope may see that incident too.
        .leftJoin('incidents', (join) =>
          join.onRef('incidents.id', '=', 'incident_reports.incident_id').on(inScope(scope, 'incidents')),
        )
        .selectAll('reports')
        .select([
          'constituencies.name as constituency_name',
          'constituencies.criticality as constituency_criticality',
          'incidents.key as incident_key',
          (eb) =>
            eb
              .selectFrom('report_files')
              .select('report_files.size')
              .whereRef('report_files.report_id', '=', 'reports.id')
              .where('report_files.role', '=', 'raw')
              .limit(1)
              .as('raw_file_size'),
        ])
        .where(inScope(scope, 'reports'))
    );
  };

  /**
   * Inserts the report, or — when its (source, sourceRef) is known — counts a repetition on the first
   * one. Returns the id of the report that holds it and whether it was a repeat; safe under races
   * (the unique index decides).
   */
  async function insert(
    q: Queryable,
    row: ReportsTable,
    observables: ReportObservable[],
  ): Promise<{ id: string; repeated: boolean }> {
    return (await insertMany(q, [{ row, observables }]))[0]!;
  }

  /** `insert` for many reports, in order, with a few multi-row statements per chunk. */
  async function insertMany(q: Queryable, items: NewRow[]): Promise<{ id: string; repeated: boolean }[]> {
    const inserted = new Set<string>();
    if (unnestPays(dialect, items.length)) {
      const rows = await insertUnnested<{ id: string }>(
        q,
        'reports',
        items.map((it) => it.row),
        sql`ON CONFLICT (source, source_ref) WHERE source_ref IS NOT NULL DO NOTHING RETURNING id`,
      );
      for (const r of rows) inserted.add(r.id);
    } else
      for (let i = 0; i < items.length; i += REPORT_ROWS_PER_INSERT) {
        const rows = await q
          .insertInto('reports')
          .values(items.slice(i, i + REPORT_ROWS_PER_INSERT).map((it) => it.row))
          .onConflict((oc) =>
            oc.columns(['source', 'source_ref']).where('source_ref', 'is not', null).doNothing(),
          )
          .returning('id')
          .execute();
        for (const r of rows) inserted.add(r.id);
      }
    const out: { id: string; repeated: boolean }[] = [];
    // Repeats in order, so the last one sets last_seen_at as it did when written one by one.
    for (const { row } of items) {
      if (inserted.has(row.id)) out.push({ id: row.id, repeated: false });
      else out.push({ id: await countRepeat(q, row), repeated: true });
    }
    const fresh = items.filter((it) => inserted.has(it.row.id));
    const observables = fresh.flatMap(({ row, observables }) =>
      observables.map((o) => ({ report_id: row.id, type: o.type, value: o.value, origin: o.origin })),
    );
    if (unnestPays(dialect, observables.length)) await insertUnnested(q, 'report_observables', observables);
    else
      for (let i = 0; i < observables.length; i += OBSERVABLE_ROWS_PER_INSERT)
        await q
          .insertInto('report_observables')
          .values(observables.slice(i, i + OBSERVABLE_ROWS_PER_INSERT))
          .execute();
    await search.putMany(
      q,
      fresh.map(({ row }) => ({
        kind: 'report',
        refId: row.id,
        text: `${row.title} ${row.reporter_name} ${row.reporter_contact} ${row.public_ref ?? ''} ${row.body.slice(0, 100_000)}`,
      })),
    );
    return out;
  }

  /** One more sighting on the report that holds (source, sourceRef); returns its id. */
  async function countRepeat(q: Queryable, row: ReportsTable): Promise<string> {
    const first = await q
      .updateTable('reports')
      .set((eb) => ({ seen_count: eb('seen_count', '+', 1), last_seen_at: row.received_at }))
      .where('source', '=', row.source)
      .where('source_ref', '=', row.source_ref)
      .returning('id')
      .executeTakeFirstOrThrow();
    return first.id;
  }

  async function seenCounts(q: Queryable, ids: string[]): Promise<Map<string, number>> {
    if (!ids.length) return new Map();
    const rows = await q.selectFrom('reports').select(['id', 'seen_count']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, r.seen_count]));
  }

  async function get(q: Queryable, scope: Scope, id: string): Promise<Report | undefined> {
    const row = await scoped(q, scope).where('reports.id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    const observables = await q
      .selectFrom('report_observables')
      .select(['type', 'value', 'origin'])
      .where('report_id', '=', id)
      .orderBy('type')
      .orderBy('value')
      .execute();
    const plain = (o: { type: string; value: string }) => ({
      type: o.type as ObservableType,
      value: o.value,
    });
    return {
      ...toSummary(row),
      body: row.body,
      observables: observables.map(plain),
      sentObservables: observables.filter((o) => o.origin === 'sent').map(plain),
      files: await reportFiles(q, id),
      parseWarnings: row.parse_warnings ? (JSON.parse(row.parse_warnings) as string[]) : [],
    };
  }

  /** Counts and spans of the reports in scope that carry one observable. */
  async function sightings(q: Queryable, scope: Scope, type: ObservableType, value: string) {
    const rows = await scoped(q, scope)
      .innerJoin('report_observables as o', 'o.report_id', 'reports.id')
      .where('o.type', '=', type)
      .where('o.value', '=', value)
      .clearSelect()
      .select([
        'reports.source',
        'reports.seen_count',
        'reports.received_at',
        'reports.last_seen_at',
        'incidents.key as incident_key',
      ])
      .execute();
    const sources = new Map<string, number>();
    for (const r of rows) sources.set(r.source, (sources.get(r.source) ?? 0) + 1);
    // Incidents that hold it themselves (features/observables), at a marking the scope may read.
    const holders = await q
      .selectFrom('incident_observables as io')
      .innerJoin('incidents', 'incidents.id', 'io.incident_id')
      .where(inScope(scope, 'incidents'))
      .where('io.type', '=', type)
      .where('io.value', '=', value)
      .where('io.tlp', 'in', readableTlps(scope))
      .select('incidents.key')
      .execute();
    const times = rows.flatMap((r) => [r.received_at, r.last_seen_at ?? r.received_at]).sort();
    return {
      reports: rows.length,
      sightings: rows.reduce((n, r) => n + r.seen_count, 0),
      firstSeen: times[0] ?? null,
      lastSeen: times.at(-1) ?? null,
      sources: [...sources].map(([source, reports]) => ({ source, reports })),
      incidentKeys: [
        ...new Set([
          ...rows.flatMap((r) => (r.incident_key ? [r.incident_key] : [])),
          ...holders.map((h) => h.key),
        ]),
      ].sort(),
    };
  }

  async function list(
    q: Queryable,
    scope: Scope,
    filter: { status?: string | undefined; q?: string | undefined; limit: number },
  ): Promise<ReportSummary[]> {
    let query = scoped(q, scope).orderBy('reports.received_at', 'desc').limit(filter.limit);
    if (filter.status) query = query.where('reports.status', '=', filter.status);
    if (filter.q) query = query.where('reports.id', 'in', search.matching('report', filter.q));
    const rows = await query.execute();
    const counts = new Map<string, number>();
    if (rows.length) {
      const found = await q
        .selectFrom('report_observables')
        .select(['report_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where(
          'report_id',
          'in',
          rows.map((r) => r.id),
        )
        .groupBy('report_id')
        .execute();
      for (const c of found) counts.set(c.report_id, Number(c.n));
    }
    return rows.map((r) => ({ ...toSummary(r), observableCount: counts.get(r.id) ?? 0 }));
  }

  async function update(q: Queryable, id: string, changes: Partial<ReportsTable>): Promise<void> {
    await q.updateTable('reports').set(changes).where('id', '=', id).execute();
  }

  return { insert, insertMany, seenCounts, get, list, sightings, update };
}

export type ReportStore = ReturnType<typeof createReportStore>;
