import { randomUUID } from 'node:crypto';
import type { ExtractedObservable } from '#contracts/observables.ts';
import type {
  DiscardReport,
  NewReport,
  Report,
  ReportBatch,
  ReportBatchResult,
  ReportSummary,
  Sightings,
  SightingsQuery,
} from '#contracts/reports.ts';
import type { AuditLog } from '../../platform/audit/audit-log.ts';
import {
  constituencyAllowed,
  requireRole,
  unrestrictedScope,
  type Actor,
} from '../../platform/auth/actor.ts';
import { sha256Hex } from '../../platform/crypto/secrets.ts';
import type { DatabaseHandle, Tx } from '../../platform/db/database.ts';
import type { ReportsTable } from '../../platform/db/schema.ts';
import { transaction, type OnCommit } from '../../platform/db/transaction.ts';
import type { EventBus } from '../../platform/events/index.ts';
import { conflict, invalid, notFound, type FieldIssue } from '../../platform/http/domain-error.ts';
import type { ConstituencyService } from '../constituencies/index.ts';
import { extractObservables, hostCandidates, normaliseObservable } from '../observables/index.ts';
import type { ReportObservable, ReportStore } from './report.store.ts';

export const REPORT_CHANGED = 'report.changed';

/** A report ready to write: its row and observables, computed before the transaction. */
export interface Prepared {
  row: ReportsTable;
  observables: ReportObservable[];
}

export interface ReportServiceDeps {
  handle: DatabaseHandle;
  audit: AuditLog;
  events: EventBus;
  store: ReportStore;
  constituencies: Pick<ConstituencyService, 'matchObservables'>;
  now: () => Date;
}

export function createReportService({
  handle,
  audit,
  events,
  store,
  constituencies,
  now,
}: ReportServiceDeps) {
  const { db } = handle;
  const publish = (r: { id: string; constituencyId: string | null }) => () =>
    events.publish({
      type: REPORT_CHANGED,
      data: { id: r.id },
      audience: { constituencyId: r.constituencyId },
    });

  /** Everything a report needs before the transaction: hash, observables, constituency. */
  async function prepare(actor: Actor, input: NewReport, path: string): Promise<Prepared> {
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
    const text = `${input.title}\n${input.body}`;
    const observables = mergeObservables(sent, extractObservables(text));
    // Internal zones (corp.internal) match constituencies without being observables worth storing.
    const hosts = hostCandidates(text).map((value) => ({ type: 'domain' as const, value }));
    const match = await constituencies.matchObservables([...observables, ...hosts]);
    const row: ReportsTable = {
      id: randomUUID(),
      channel: input.channel,
      reporter_kind: input.reporter.kind,
      reporter_name: input.reporter.name,
      reporter_contact: input.reporter.contact,
      reporter_trust: input.reporter.trust,
      received_at: new Date(receivedAt).toISOString(),
      title: input.title,
      body: input.body,
      raw,
      raw_sha256: sha256Hex(raw),
      tlp: input.tlp,
      pap: input.pap,
      status: 'new',
      discard_reason: null,
      discard_note: null,
      constituency_id: match?.constituencyId ?? null,
      matched_by: match ? JSON.stringify(match.asset) : null,
      source: input.source,
      source_ref: input.sourceRef ?? null,
      seen_count: 1,
      last_seen_at: null,
      severity: input.severity ?? null,
      fingerprint: null,
      created_by: actor.label,
      created_at: at.toISOString(),
      updated_at: at.toISOString(),
      version: 1,
    };
    return { row, observables };
  }

  /** Writes a prepared report (or counts its repetition) with its audit entry, inside the caller's transaction. */
  async function write(tx: Tx, onCommit: OnCommit, actor: Actor, prepared: Prepared) {
    const { row, observables } = prepared;
    const stored = await store.insert(tx, row, observables);
    await audit.record(tx, actor, {
      action: stored.repeated ? 'report.repeated' : 'report.registered',
      targetType: 'report',
      targetId: stored.id,
      data: stored.repeated
        ? { source: row.source, sourceRef: row.source_ref, rawSha256: row.raw_sha256 }
        : {
            title: row.title,
            channel: row.channel,
            source: row.source,
            reporter: row.reporter_name,
            rawSha256: row.raw_sha256,
            constituencyId: row.constituency_id,
          },
    });
    onCommit(publish({ id: stored.id, constituencyId: row.constituency_id }));
    return stored;
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
  async function register(actor: Actor, input: NewReport): Promise<{ report: Report; repeated: boolean }> {
    requireRole(actor, 'handler');
    const prepared = await prepare(actor, input, 'body');
    const stored = await transaction(db, (tx, onCommit) => write(tx, onCommit, actor, prepared));
    return { report: await asSeenBy(actor, stored.id), repeated: stored.repeated };
  }

  /** Up to 1,000 reports in one transaction: acknowledged means committed, and one bad report writes none. */
  async function registerBatch(actor: Actor, input: ReportBatch): Promise<ReportBatchResult> {
    requireRole(actor, 'handler');
    const prepared = await Promise.all(input.reports.map((r, i) => prepare(actor, r, `body.reports.${i}`)));
    const stored = await transaction(db, async (tx, onCommit) => {
      const out = [];
      for (const { row, observables } of prepared) {
        const one = await store.insert(tx, row, observables);
        out.push(one);
        onCommit(publish({ id: one.id, constituencyId: row.constituency_id }));
      }
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

  async function discard(actor: Actor, id: string, input: DiscardReport): Promise<Report> {
    requireRole(actor, 'handler');
    await transaction(db, async (tx, onCommit) => {
      const report = await store.get(tx, actor.scope, id);
      if (!report) throw notFound('Report');
      if (report.version !== input.version) {
        throw conflict(
          'stale_version',
          `This report was changed (version ${report.version}) since you loaded version ${input.version}`,
          { current: report },
        );
      }
      if (report.status !== 'new') throw conflict('report_not_new', `The report is ${report.status} already`);
      await store.update(tx, id, {
        status: 'discarded',
        discard_reason: input.reason,
        discard_note: input.note,
        version: report.version + 1,
        updated_at: now().toISOString(),
      });
      await audit.record(tx, actor, {
        action: 'report.discarded',
        targetType: 'report',
        targetId: id,
        data: { reason: input.reason, note: input.note },
      });
      onCommit(publish({ id, constituencyId: report.constituency?.id ?? null }));
    });
    return get(actor, id);
  }

  /**
   * Marks new reports as linked to an incident, inside the incident's transaction. Every id must name a
   * new report the actor can see; otherwise nothing is linked and each bad id is named.
   */
  async function linkToIncident(tx: Tx, actor: Actor, ids: string[], incidentKey: string): Promise<Report[]> {
    const found = await Promise.all(ids.map((id) => store.get(tx, actor.scope, id)));
    const issues = ids.flatMap((id, i) => {
      const r = found[i];
      if (!r) return [{ path: `body.reportIds.${i}`, message: `report ${id} was not found` }];
      return r.status === 'new'
        ? []
        : [{ path: `body.reportIds.${i}`, message: `report ${id} is ${r.status} already` }];
    });
    if (issues.length) throw invalid('reports_not_linkable', 'Some reports cannot be linked', issues);
    const at = now().toISOString();
    for (const r of found as Report[]) {
      await store.update(tx, r.id, { status: 'linked', version: r.version + 1, updated_at: at });
      await audit.record(tx, actor, {
        action: 'report.linked',
        targetType: 'report',
        targetId: r.id,
        data: { incident: incidentKey },
      });
    }
    return found as Report[];
  }

  return { prepare, register, registerBatch, sightings, list, get, discard, linkToIncident };
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
