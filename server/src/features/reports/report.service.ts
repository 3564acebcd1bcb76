import { randomBytes } from 'node:crypto';
import { v7 as timeOrderedUuid } from 'uuid';
import type { ExtractedObservable } from '#contracts/observables.ts';
import type {
  NewReport,
  Report,
  ReportBatch,
  ReportBatchResult,
  ReportSummary,
  Sightings,
  SightingsQuery,
} from '#contracts/reports.ts';
import type { AuditLog } from '../../platform/audit/audit-log.ts';
import type { BlobStore } from '../../platform/blobs/blob-store.ts';
import {
  constituencyAllowed,
  requireRole,
  unrestrictedScope,
  type Actor,
} from '../../platform/auth/actor.ts';
import { sha256Hex } from '../../platform/crypto/secrets.ts';
import type { DatabaseHandle, Tx } from '../../platform/db/database.ts';
import type { ReportFilesTable, ReportsTable } from '../../platform/db/schema.ts';
import { transaction } from '../../platform/db/transaction.ts';
import type { EventBus } from '../../platform/events/index.ts';
import { invalid, notFound, type FieldIssue } from '../../platform/http/domain-error.ts';
import type { ConstituencyService } from '../constituencies/index.ts';
import { extractObservables, hostCandidates, normaliseObservable } from '../observables/index.ts';
import { storeReportFiles, type ReportFiles } from './report-files.service.ts';
import { insertReportFiles } from './report-files.store.ts';
import { formatPublicRef } from './report-ref.rules.ts';
import { createReportTriage } from './report-triage.service.ts';
import { createReportWriter } from './report-write.service.ts';
import { writtenReport, type ReportObservable, type ReportStore } from './report.store.ts';

export const REPORT_CHANGED = 'report.changed';

/** A report ready to write: its row and observables, computed before the transaction. */
export interface Prepared {
  row: ReportsTable;
  observables: ReportObservable[];
  /** Rows of files whose blobs are stored already. */
  files: ReportFilesTable[];
}

export interface RegisterOptions {
  /** Give the report a public reference (`R-XXXXX-XXXXX`) its submitter can quote. */
  publicRef?: boolean;
}

export interface ReportServiceDeps {
  handle: DatabaseHandle;
  audit: AuditLog;
  events: EventBus;
  store: ReportStore;
  constituencies: Pick<ConstituencyService, 'matchObservables' | 'summaryIn'>;
  /**
   * Runs inside the transaction that writes reports as new (never for repetitions): `write`,
   * `registerBatch` and the monitoring feed call it, so every intake path does. Correlation queues
   * its auto-linking there.
   */
  onNewReports: (tx: Tx, reportIds: string[]) => Promise<void>;
  blobs: BlobStore;
  now: () => Date;
}

export function createReportService({
  handle,
  audit,
  events,
  store,
  constituencies,
  onNewReports,
  blobs,
  now,
}: ReportServiceDeps) {
  const { db } = handle;
  const publish = (r: { id: string; constituencyId: string | null }) => () =>
    events.publish({
      type: REPORT_CHANGED,
      data: { id: r.id },
      audience: { constituencyId: r.constituencyId },
    });

  const writer = createReportWriter({ handle, audit, store, onNewReports, publish });
  const { write } = writer;

  /** Everything a report needs before the transaction: hash, observables, constituency, stored files. */
  async function prepare(
    actor: Actor,
    input: NewReport,
    path: string,
    files?: ReportFiles,
    options: RegisterOptions = {},
  ): Promise<Prepared> {
    const at = now();
    const receivedAt = input.receivedAt ?? at.toISOString();
    const issues: FieldIssue[] = [];
    if (new Date(receivedAt).getTime() > at.getTime() + 5 * 60_000)
      issues.push({ path: `${path}.receivedAt`, message: 'must not be in the future' });
    const { sent, invalidAt } = normaliseSent(input.observables);
    for (const i of invalidAt) {
      const o = input.observables[i]!;
      issues.push({ path: `${path}.observables.${i}.value`, message: `is not a valid ${o.type}` });
    }
    if (invalidAt.length) throw invalid('observable_invalid', 'Some observables are not valid', issues);
    if (issues.length) throw invalid('received_in_future', 'The received time lies in the future', issues);
    const raw = input.raw ?? input.body;
    const title = storable(input.title);
    const body = storable(input.body);
    const text = `${title}\n${body}`;
    const observables = mergeObservables(sent, extractObservables(text));
    // Internal zones (corp.internal) match constituencies without being observables worth storing.
    const hosts = hostCandidates(text).map((value) => ({ type: 'domain' as const, value }));
    // What the sender names (an ARF source, an alert's addresses) decides first: the text also names
    // recipients and reporters, who must not outvote it. The text decides when nothing sent matches.
    const match =
      (await constituencies.matchObservables(sent)) ??
      (await constituencies.matchObservables([...observables, ...hosts]));
    // Time-ordered (UUIDv7): new reports land at the end of every index keyed by report id instead
    // of on a random page of it, which kept the ingest rate from sagging as the tables grow.
    const id = timeOrderedUuid();
    // PostgreSQL text cannot hold NUL: such a submission's exact bytes are kept as a file instead.
    const withRaw =
      raw.includes('\u0000') && !files?.raw
        ? { ...files, raw: { bytes: Buffer.from(raw, 'utf8'), contentType: 'text/plain; charset=utf-8' } }
        : files;
    const stored = withRaw ? await storeReportFiles(blobs, id, withRaw, at) : [];
    // With the exact bytes in a blob, the row keeps their hash and no second copy.
    const rawFile = stored.find((f) => f.role === 'raw');
    const row: ReportsTable = {
      id,
      channel: input.channel,
      reporter_kind: input.reporter.kind,
      reporter_name: storable(input.reporter.name),
      reporter_contact: storable(input.reporter.contact),
      reporter_trust: input.reporter.trust,
      received_at: new Date(receivedAt).toISOString(),
      title,
      body,
      raw: rawFile ? '' : raw,
      raw_sha256: rawFile?.sha256 ?? sha256Hex(raw),
      tlp: input.tlp,
      pap: input.pap,
      status: 'new',
      discard_reason: null,
      discard_note: null,
      constituency_id: match?.constituencyId ?? null,
      matched_by: match ? JSON.stringify(match.asset) : null,
      source: storable(input.source),
      source_ref: input.sourceRef === undefined ? null : storable(input.sourceRef),
      seen_count: 1,
      last_seen_at: null,
      severity: input.severity ?? null,
      fingerprint: null,
      parse_warnings: files?.warnings?.length ? JSON.stringify(files.warnings) : null,
      public_ref: options.publicRef ? formatPublicRef(randomBytes(8)) : null,
      created_by: actor.label,
      created_at: at.toISOString(),
      updated_at: at.toISOString(),
      version: 1,
    };
    return { row, observables, files: stored };
  }

  /** The reporter-side handler sees what they sent, but not which other constituency it landed in. */
  async function asSeenBy(actor: Actor, id: string): Promise<Report> {
    const report = (await store.get(db, unrestrictedScope, id))!;
    return constituencyAllowed(actor.scope, report.constituency?.id ?? null)
      ? report
      : { ...report, constituency: null, matchedBy: null };
  }

  /**
   * Registers a report: keeps the raw submission and its hash, extracts observables, finds the
   * constituency. A known (source, sourceRef) only counts a repetition (`repeated: true`).
   */
  async function register(
    actor: Actor,
    input: NewReport,
    files?: ReportFiles,
    options: RegisterOptions = {},
  ): Promise<{ report: Report; repeated: boolean }> {
    requireRole(actor, 'handler');
    const prepared = await prepare(actor, input, 'body', files, options);
    const stored = await writer.submit({ actor, prepared });
    if (stored.repeated) return { report: await asSeenBy(actor, stored.id), repeated: true };
    // Answered from what was written: reading it back would cost three queries per report.
    const { constituency_id: constituencyId } = prepared.row;
    if (!constituencyAllowed(actor.scope, constituencyId))
      return { report: { ...writtenReport(prepared, undefined), matchedBy: null }, repeated: false };
    const names = constituencyId ? await constituencies.summaryIn(db, actor, constituencyId) : undefined;
    return { report: writtenReport(prepared, names), repeated: false };
  }

  /** Up to 1,000 reports in one transaction: acknowledged means committed, and one bad report writes none. */
  async function registerBatch(actor: Actor, input: ReportBatch): Promise<ReportBatchResult> {
    requireRole(actor, 'handler');
    const prepared = await Promise.all(input.reports.map((r, i) => prepare(actor, r, `body.reports.${i}`)));
    const stored = await transaction(db, async (tx, onCommit) => {
      const out = await store.insertMany(tx, prepared);
      // Files only when a report needed one (its raw held a NUL); a repeat's are the first's.
      await insertReportFiles(
        tx,
        prepared.flatMap((p, i) => (out[i]!.repeated ? [] : p.files)),
      );
      // One effect publishing every event at once: the bus sends them together, not one round trip each.
      onCommit(async () => {
        await Promise.all(
          out.map((one, i) => publish({ id: one.id, constituencyId: prepared[i]!.row.constituency_id })()),
        );
      });
      await onNewReports(
        tx,
        out.filter((o) => !o.repeated).map((o) => o.id),
      );
      // One audit entry for the batch (one actor, one operation) naming every report it wrote: the
      // chain's lock and hash are taken once instead of 1,000 times.
      await audit.record(tx, actor, {
        action: 'report.batch_registered',
        targetType: 'report',
        targetId: out[0]!.id,
        data: {
          registered: out.filter((o) => !o.repeated).map((o) => o.id),
          repeated: out.filter((o) => o.repeated).map((o) => o.id),
          rawSha256: prepared.map((p) => p.row.raw_sha256),
        },
      });
      return out;
    });
    const counts = await store.seenCounts(
      db,
      stored.map((s) => s.id),
    );
    return {
      items: stored.map((s) => ({ id: s.id, repeated: s.repeated, seenCount: counts.get(s.id) ?? 1 })),
    };
  }

  /** Where and when an observable was seen; its value is normalised first (defanged forms welcome). */
  async function sightings(actor: Actor, query: SightingsQuery): Promise<Sightings> {
    const value = normaliseObservable(query.type, query.value);
    if (!value)
      throw invalid('observable_invalid', `Not a valid ${query.type}`, [
        { path: 'querystring.value', message: `is not a valid ${query.type}` },
      ]);
    return { type: query.type, value, ...(await store.sightings(db, actor.scope, query.type, value)) };
  }

  function list(
    actor: Actor,
    filter: { status?: Report['status'] | undefined; q?: string | undefined; limit: number },
  ): Promise<ReportSummary[]> {
    return store.list(db, actor.scope, filter);
  }

  async function get(actor: Actor, id: string): Promise<Report> {
    const report = await store.get(db, actor.scope, id);
    if (!report) throw notFound('Report');
    return report;
  }

  const triage = createReportTriage({ handle, audit, store, now, publish });

  return { prepare, write, register, registerBatch, sightings, list, get, onNewReports, ...triage };
}

/** Sent observables in canonical form, and the indexes of those that are no valid value of their type. */
function normaliseSent(items: NewReport['observables']) {
  const sent: ExtractedObservable[] = [];
  const invalidAt: number[] = [];
  items.forEach((o, i) => {
    const value = normaliseObservable(o.type, o.value);
    if (value) sent.push({ type: o.type, value });
    else invalidAt.push(i);
  });
  return { sent, invalidAt };
}

/** One entry per (type, value); `sent` wins over `extracted` when the sender also wrote it in the text. */
function mergeObservables(sent: ExtractedObservable[], extracted: ExtractedObservable[]): ReportObservable[] {
  const merged = new Map<string, ReportObservable>();
  for (const o of extracted) merged.set(`${o.type}:${o.value}`, { ...o, origin: 'extracted' });
  for (const o of sent) merged.set(`${o.type}:${o.value}`, { ...o, origin: 'sent' });
  return [...merged.values()];
}

export type ReportService = ReturnType<typeof createReportService>;

/** Text as PostgreSQL can store it: a NUL (a sensor's binary field, mapped into a title) becomes U+FFFD. */
const storable = (text: string) => text.replaceAll('\u0000', '\uFFFD');
