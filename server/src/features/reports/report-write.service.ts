import type { AuditLog, AuditRecord } from '../../platform/audit/audit-log.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { DatabaseHandle, Tx } from '../../platform/db/database.ts';
import { createGroupCommit } from '../../platform/db/group-commit.ts';
import type { OnCommit } from '../../platform/db/transaction.ts';
import { insertReportFiles } from './report-files.store.ts';
import { filesForAudit } from './report-files.service.ts';
import type { Prepared } from './report.service.ts';
import type { ReportStore } from './report.store.ts';

/** A prepared report and who submits it. */
export interface Submission {
  actor: Actor;
  prepared: Prepared;
}

/** The report that holds a submission (a repeat is counted on the first one) and whether it was one. */
export interface Stored {
  id: string;
  repeated: boolean;
}

export interface ReportWriterDeps {
  handle: DatabaseHandle;
  audit: AuditLog;
  store: Pick<ReportStore, 'insertMany'>;
  onNewReports: (tx: Tx, reportIds: string[]) => Promise<void>;
  publish: (r: { id: string; constituencyId: string | null }) => () => Promise<void>;
}

// Reports per group commit: bounds a transaction's length while concurrent senders queue behind it.
const GROUP_MAX = 200;

function auditEntry({ row, files }: Prepared, stored: Stored): AuditRecord {
  return {
    action: stored.repeated ? 'report.repeated' : 'report.registered',
    targetType: 'report',
    targetId: stored.id,
    data: stored.repeated
      ? { source: row.source, sourceRef: row.source_ref, rawSha256: row.raw_sha256 }
      : {
          // No title: the audit log outlives a report destroyed with its incident (rawSha256 names the content).
          channel: row.channel,
          source: row.source,
          reporter: row.reporter_name,
          rawSha256: row.raw_sha256,
          constituencyId: row.constituency_id,
          ...(files.length ? { files: filesForAudit(files) } : {}),
        },
  };
}

/** Writes prepared reports, each with its own audit entry: in a caller's transaction, or group-committed. */
export function createReportWriter({ handle, audit, store, onNewReports, publish }: ReportWriterDeps) {
  /** Writes the reports (or counts their repetitions) in order, inside the caller's transaction. */
  async function writeMany(tx: Tx, onCommit: OnCommit, items: Submission[]): Promise<Stored[]> {
    const out = await store.insertMany(
      tx,
      items.map((it) => it.prepared),
    );
    // A repeat is counted on the first report; its files are that report's already.
    await insertReportFiles(
      tx,
      items.flatMap(({ prepared }, i) => (out[i]!.repeated ? [] : prepared.files)),
    );
    await audit.recordMany(
      tx,
      items.map(({ actor, prepared }, i) => ({ actor, entry: auditEntry(prepared, out[i]!) })),
    );
    await onNewReports(
      tx,
      out.filter((o) => !o.repeated).map((o) => o.id),
    );
    // One effect publishing every event at once: the bus sends them together, not one round trip each.
    onCommit(async () => {
      await Promise.all(
        items.map(({ prepared }, i) =>
          publish({ id: out[i]!.id, constituencyId: prepared.row.constituency_id })(),
        ),
      );
    });
    return out;
  }

  /** One report inside the caller's transaction (intake paths that write more in the same one). */
  async function write(tx: Tx, onCommit: OnCommit, actor: Actor, prepared: Prepared): Promise<Stored> {
    return (await writeMany(tx, onCommit, [{ actor, prepared }]))[0]!;
  }

  // Resolves once the group holding the report has committed: acknowledged still means committed.
  const group = createGroupCommit(handle.db, writeMany, { maxItems: GROUP_MAX });

  return { write, writeMany, submit: group.submit };
}

export type ReportWriter = ReturnType<typeof createReportWriter>;
