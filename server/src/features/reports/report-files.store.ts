import type { ReportFile } from '#contracts/reports.ts';
import type { Queryable } from '../../platform/db/database.ts';
import type { ReportFilesTable } from '../../platform/db/schema.ts';

/** Rows of a report's files; call in the report's transaction, after the blobs are stored. */
export async function insertReportFiles(q: Queryable, rows: ReportFilesTable[]): Promise<void> {
  if (rows.length) await q.insertInto('report_files').values(rows).execute();
}

/** A report's files in order (raw first). The caller has checked the report is in scope. */
export async function reportFiles(q: Queryable, reportId: string): Promise<ReportFile[]> {
  const rows = await q
    .selectFrom('report_files')
    .select(['role', 'filename', 'content_type', 'size', 'sha256'])
    .where('report_id', '=', reportId)
    .orderBy('position')
    .execute();
  return rows.map((r) => ({
    role: r.role,
    filename: r.filename,
    contentType: r.content_type,
    size: Number(r.size),
    sha256: r.sha256,
  }));
}

/** One file of a report: its raw submission, or the first file with that SHA-256. */
export async function reportFile(
  q: Queryable,
  reportId: string,
  which: { role: 'raw' } | { sha256: string },
): Promise<ReportFilesTable | undefined> {
  let query = q.selectFrom('report_files').selectAll().where('report_id', '=', reportId);
  query = 'role' in which ? query.where('role', '=', 'raw') : query.where('sha256', '=', which.sha256);
  return query.orderBy('position').executeTakeFirst();
}
