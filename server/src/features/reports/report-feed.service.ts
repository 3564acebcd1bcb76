import type { NewReport } from '#contracts/reports.ts';
import type { AuditLog } from '../../platform/audit/audit-log.ts';
import { requireRole, type Actor } from '../../platform/auth/actor.ts';
import type { DatabaseHandle, Tx } from '../../platform/db/database.ts';
import { lockKeys } from '../../platform/db/locks.ts';
import { transaction } from '../../platform/db/transaction.ts';
import type { EventBus } from '../../platform/events/index.ts';
import { DomainError, type FieldIssue } from '../../platform/http/domain-error.ts';
import { insertReportFiles } from './report-files.store.ts';
import { repeatByFingerprint } from './report-fingerprint.store.ts';
import { REPORT_CHANGED, type Prepared, type ReportService } from './report.service.ts';
import type { ReportStore } from './report.store.ts';

/** Advisory-lock namespace of report fingerprints ('FPR1'). */
const FINGERPRINT_LOCKS = 0x46505231;

/** What groups repeated events of one source into one report. */
export interface Fingerprint {
  /** Hash of the fields the source's fingerprint rule names. */
  value: string;
  /** An event joins the report with its fingerprint whose sightings reach to within this many seconds. */
  windowSeconds: number;
}

export interface FeedItem {
  report: NewReport;
  fingerprint: Fingerprint | null;
}

/** Per item: the report that holds it and whether it only counted a repetition, or why it was refused. */
export type FeedOutcome = { id: string; repeated: boolean } | { issues: FieldIssue[] };

export interface ReportFeedServiceDeps {
  handle: DatabaseHandle;
  audit: AuditLog;
  events: EventBus;
  store: Pick<ReportStore, 'insert'>;
  reports: Pick<ReportService, 'prepare' | 'onNewReports'>;
}

interface Ready {
  index: number;
  prepared: Prepared;
  fingerprint: Fingerprint | null;
}

interface Written {
  index: number;
  id: string;
  constituencyId: string | null;
  /** Null for a new report; else what made it a repetition. */
  repeatOf: 'fingerprint' | 'sourceRef' | null;
  prepared: Prepared;
}

/** Reports from monitoring feeds (IDS, SIEM): many events per submission, repeats grouped by fingerprint. */
export function createReportFeedService({ handle, audit, events, store, reports }: ReportFeedServiceDeps) {
  /**
   * Registers the events of one submission in one transaction: acknowledged means committed, and an
   * item that cannot be registered (its issues returned in its place) does not hold back the others.
   * An item whose fingerprint matches a report of its source within the window, or whose (source,
   * sourceRef) is known, only counts a repetition on that report.
   */
  async function register(actor: Actor, items: FeedItem[]): Promise<FeedOutcome[]> {
    requireRole(actor, 'handler');
    const outcomes: FeedOutcome[] = new Array<FeedOutcome>(items.length);
    const ready: Ready[] = [];
    const settled = await Promise.allSettled(
      items.map((item, i) => reports.prepare(actor, item.report, `events.${i}`)),
    );
    settled.forEach((s, index) => {
      if (s.status === 'fulfilled')
        ready.push({ index, prepared: s.value, fingerprint: items[index]!.fingerprint });
      else if (s.reason instanceof DomainError && s.reason.kind === 'invalid')
        outcomes[index] = {
          issues: s.reason.issues.length ? s.reason.issues : [{ path: '', message: s.reason.message }],
        };
      else throw s.reason;
    });
    if (!ready.length) return outcomes;

    const written = await transaction(handle.db, async (tx, onCommit) => {
      // Fingerprint locks first (in one order, see lockKeys) and audit entries last: the audit log's
      // own lock is then never held while this transaction waits for a report row.
      const keys = ready.flatMap((r) =>
        r.fingerprint ? [`${r.prepared.row.source}\n${r.fingerprint.value}`] : [],
      );
      await lockKeys(tx, handle.dialect, FINGERPRINT_LOCKS, keys);
      const out: Written[] = [];
      for (const r of ready) out.push(await writeOne(tx, r));
      await reports.onNewReports(
        tx,
        out.filter((w) => w.repeatOf === null).map((w) => w.id),
      );
      for (const w of out) await audit.record(tx, actor, auditEntry(w));
      const touched = new Map(out.map((w) => [w.id, w.constituencyId]));
      for (const [id, constituencyId] of touched)
        onCommit(() => events.publish({ type: REPORT_CHANGED, data: { id }, audience: { constituencyId } }));
      return out;
    });
    for (const w of written) outcomes[w.index] = { id: w.id, repeated: w.repeatOf !== null };
    return outcomes;
  }

  async function writeOne(tx: Tx, { index, prepared, fingerprint }: Ready): Promise<Written> {
    const { row, observables } = prepared;
    if (fingerprint) {
      row.fingerprint = fingerprint.value;
      const hit = await repeatByFingerprint(tx, {
        source: row.source,
        fingerprint: fingerprint.value,
        windowSeconds: fingerprint.windowSeconds,
        at: row.received_at,
      });
      if (hit) return { index, ...hit, repeatOf: 'fingerprint', prepared };
    }
    const stored = await store.insert(tx, row, observables);
    // Files only when the submission needed one (a raw line holding a NUL); a repeat's are the first's.
    if (!stored.repeated) await insertReportFiles(tx, prepared.files);
    return {
      index,
      id: stored.id,
      constituencyId: row.constituency_id,
      repeatOf: stored.repeated ? 'sourceRef' : null,
      prepared,
    };
  }

  return { register };
}

/** The same entries as a single registration writes, with the fingerprint when there is one. */
function auditEntry({ id, repeatOf, prepared: { row } }: Written) {
  const fingerprint = row.fingerprint ? { fingerprint: row.fingerprint } : {};
  if (repeatOf) {
    return {
      action: 'report.repeated',
      targetType: 'report',
      targetId: id,
      data: { source: row.source, sourceRef: row.source_ref, ...fingerprint, rawSha256: row.raw_sha256 },
    };
  }
  return {
    action: 'report.registered',
    targetType: 'report',
    targetId: id,
    data: {
      channel: row.channel,
      source: row.source,
      reporter: row.reporter_name,
      rawSha256: row.raw_sha256,
      constituencyId: row.constituency_id,
      ...fingerprint,
    },
  };
}

export type ReportFeedService = ReturnType<typeof createReportFeedService>;
