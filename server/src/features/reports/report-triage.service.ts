import type { DiscardReport, Report } from '#contracts/reports.ts';
import type { AuditLog } from '../../platform/audit/audit-log.ts';
import { requireRole, type Actor } from '../../platform/auth/actor.ts';
import type { DatabaseHandle, Tx } from '../../platform/db/database.ts';
import { transaction, type OnCommit } from '../../platform/db/transaction.ts';
import { conflict, invalid, notFound } from '../../platform/http/domain-error.ts';
import type { ReportStore } from './report.store.ts';

export interface ReportTriageDeps {
  handle: DatabaseHandle;
  audit: AuditLog;
  store: ReportStore;
  now: () => Date;
  /** The live event announcing a changed report, to run after commit. */
  publish: (r: { id: string; constituencyId: string | null }) => () => void;
}

/** Deciding on new reports, one or many at once: discard them, or mark them linked to an incident. */
export function createReportTriage({ handle, audit, store, now, publish }: ReportTriageDeps) {
  const { db } = handle;

  /**
   * The reports a change of many applies to: every id must name a new report the actor can see;
   * otherwise nothing changes and each bad id is named at `body.reportIds.<i>`.
   */
  async function newReports(tx: Tx, actor: Actor, ids: string[], verb: string): Promise<Report[]> {
    const found = await Promise.all(ids.map((id) => store.get(tx, actor.scope, id)));
    const issues = ids.flatMap((id, i) => {
      const r = found[i];
      const path = `body.reportIds.${i}`;
      if (!r) return [{ path, message: `report ${id} was not found` }];
      if (ids.indexOf(id) !== i) return [{ path, message: `report ${id} is listed twice` }];
      return r.status === 'new' ? [] : [{ path, message: `report ${id} is ${r.status} already` }];
    });
    if (issues.length) throw invalid(`reports_not_${verb}able`, `Some reports cannot be ${verb}ed`, issues);
    return found as Report[];
  }

  async function markDiscarded(
    tx: Tx,
    onCommit: OnCommit,
    actor: Actor,
    report: Report,
    input: Pick<DiscardReport, 'reason' | 'note'>,
  ) {
    await store.update(tx, report.id, {
      status: 'discarded',
      discard_reason: input.reason,
      discard_note: input.note,
      version: report.version + 1,
      updated_at: now().toISOString(),
    });
    await audit.record(tx, actor, {
      action: 'report.discarded',
      targetType: 'report',
      targetId: report.id,
      data: { reason: input.reason, note: input.note },
    });
    onCommit(publish({ id: report.id, constituencyId: report.constituency?.id ?? null }));
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
      await markDiscarded(tx, onCommit, actor, report, input);
    });
    const report = await store.get(db, actor.scope, id);
    if (!report) throw notFound('Report');
    return report;
  }

  /** Discards many new reports with one reason, in one transaction: all of them or (any bad id) none. */
  async function discardMany(
    actor: Actor,
    ids: string[],
    input: Pick<DiscardReport, 'reason' | 'note'>,
  ): Promise<void> {
    requireRole(actor, 'handler');
    await transaction(db, async (tx, onCommit) => {
      for (const r of await newReports(tx, actor, ids, 'discard'))
        await markDiscarded(tx, onCommit, actor, r, input);
    });
  }

  /** Marks new reports as linked to an incident, inside the incident's transaction (see `newReports`). */
  async function linkToIncident(tx: Tx, actor: Actor, ids: string[], incidentKey: string): Promise<Report[]> {
    const found = await newReports(tx, actor, ids, 'link');
    const at = now().toISOString();
    for (const r of found) {
      await store.update(tx, r.id, { status: 'linked', version: r.version + 1, updated_at: at });
      await audit.record(tx, actor, {
        action: 'report.linked',
        targetType: 'report',
        targetId: r.id,
        data: { incident: incidentKey },
      });
    }
    return found;
  }

  return { discard, discardMany, linkToIncident };
}
