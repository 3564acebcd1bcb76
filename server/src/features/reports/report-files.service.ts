import type { AuditLog } from '../../platform/audit/audit-log.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { BlobStore } from '../../platform/blobs/blob-store.ts';
import type { DatabaseHandle } from '../../platform/db/database.ts';
import type { ReportFilesTable } from '../../platform/db/schema.ts';
import { transaction } from '../../platform/db/transaction.ts';
import { notFound } from '../../platform/http/domain-error.ts';
import { reportFile } from './report-files.store.ts';
import { cleanContentType, cleanFilename, rawFilename } from './report-files.rules.ts';
import type { ReportStore } from './report.store.ts';

export interface ReportFiles {
  /** The submission's exact bytes (e.g. an RFC 5322 message); stored as an encrypted blob and hashed into rawSha256. */
  raw?: { bytes: Buffer; contentType: string };
  attachments?: { filename: string; contentType: string; bytes: Buffer }[];
  /** What a parser could not read, kept on the report for the handler. */
  warnings?: string[];
}

/** A file on its way out: the bytes and how to label them. */
export interface ReportDownload {
  bytes: Buffer;
  filename: string;
  contentType: string;
}

/** The data key purpose of report files: one key per calendar month, so retention can shred a month. */
export const reportKeyPurpose = (at: Date) => `reports:${at.toISOString().slice(0, 7)}`;

/**
 * Stores the files as encrypted blobs and returns their rows, to be inserted in the report's
 * transaction. Runs before that transaction: blobs are content-addressed, so a rollback (or a
 * repeated report whose files are not recorded) leaves at most an orphan file, which is harmless.
 */
export async function storeReportFiles(
  blobs: BlobStore,
  reportId: string,
  files: ReportFiles,
  at: Date,
): Promise<ReportFilesTable[]> {
  const items = [
    ...(files.raw
      ? [{ role: 'raw' as const, filename: rawFilename(files.raw.contentType), ...files.raw }]
      : []),
    ...(files.attachments ?? []).map((a) => ({ role: 'attachment' as const, ...a })),
  ];
  if (!items.length) return [];
  // The month the data is stored in, not the (sender-given) received time: a month's key is then
  // never written to after the month ends, and can be destroyed without racing a writer.
  const keyId = await blobs.keys.forPurpose(reportKeyPurpose(at));
  const rows: ReportFilesTable[] = [];
  for (const [position, item] of items.entries()) {
    const { sha256, size } = await blobs.put(keyId, item.bytes);
    rows.push({
      report_id: reportId,
      position,
      role: item.role,
      filename: cleanFilename(item.filename),
      content_type: cleanContentType(item.contentType),
      size,
      sha256,
      key_id: keyId,
    });
  }
  return rows;
}

/** What the audit entry of a registration names of its files. */
export const filesForAudit = (rows: ReportFilesTable[]) =>
  rows.map(({ role, filename, sha256, size }) => ({ role, filename, sha256, size }));

export interface ReportFileServiceDeps {
  handle: DatabaseHandle;
  audit: AuditLog;
  blobs: BlobStore;
  store: ReportStore;
}

export function createReportFileService({ handle, audit, blobs, store }: ReportFileServiceDeps) {
  const { db } = handle;

  /** Audited after the bytes were read intact: the log names what actually left the server. */
  async function handOut(
    actor: Actor,
    reportId: string,
    out: ReportDownload & { role: string; sha256: string },
  ) {
    await transaction(db, (tx) =>
      audit.record(tx, actor, {
        action: 'report.file_downloaded',
        targetType: 'report',
        targetId: reportId,
        data: { role: out.role, filename: out.filename, sha256: out.sha256, size: out.bytes.length },
      }),
    );
    return { bytes: out.bytes, filename: out.filename, contentType: out.contentType };
  }

  /** The raw submission: its blob, or the text kept in the row for reports registered without one. */
  async function raw(actor: Actor, reportId: string): Promise<ReportDownload> {
    const report = await store.get(db, actor.scope, reportId);
    if (!report) throw notFound('Report');
    const file = await reportFile(db, reportId, { role: 'raw' });
    if (file) {
      const bytes = await blobs.get(file.key_id, file.sha256);
      return handOut(actor, reportId, { ...fileOut(file, bytes), contentType: file.content_type });
    }
    const row = await db
      .selectFrom('reports')
      .select('raw')
      .where('id', '=', reportId)
      .executeTakeFirstOrThrow();
    return handOut(actor, reportId, {
      role: 'raw',
      sha256: report.rawSha256,
      bytes: Buffer.from(row.raw, 'utf8'),
      filename: `report-${reportId.slice(0, 8)}.txt`,
      contentType: 'text/plain; charset=utf-8',
    });
  }

  /** One file of the report by SHA-256; always as octet-stream, since the sender chose the type. */
  async function file(actor: Actor, reportId: string, sha256: string): Promise<ReportDownload> {
    const report = await store.get(db, actor.scope, reportId);
    if (!report) throw notFound('Report');
    const found = await reportFile(db, reportId, { sha256: sha256.toLowerCase() });
    if (!found) throw notFound('File');
    const bytes = await blobs.get(found.key_id, found.sha256);
    return handOut(actor, reportId, { ...fileOut(found, bytes), contentType: 'application/octet-stream' });
  }

  return { raw, file };
}

function fileOut(row: ReportFilesTable, bytes: Buffer) {
  return { role: row.role, sha256: row.sha256, bytes, filename: row.filename };
}

export type ReportFileService = ReturnType<typeof createReportFileService>;
