import { randomUUID } from 'node:crypto';
import type { DiscardReport, NewReport, Report, ReportSummary } from '#contracts/reports.ts';
import type { AuditLog } from '../../platform/audit/audit-log.ts';
import {
  constituencyAllowed,
  requireRole,
  unrestrictedScope,
  type Actor,
} from '../../platform/auth/actor.ts';
import { sha256Hex } from '../../platform/crypto/secrets.ts';
import type { DatabaseHandle, Tx } from '../../platform/db/database.ts';
import { transaction } from '../../platform/db/transaction.ts';
import type { EventBus } from '../../platform/events/index.ts';
import { conflict, invalid, notFound } from '../../platform/http/domain-error.ts';
import type { ConstituencyService } from '../constituencies/index.ts';
import { extractObservables } from '../observables/index.ts';
import type { ReportStore } from './report.store.ts';

export const REPORT_CHANGED = 'report.changed';

export interface ReportServiceDeps {
  handle: DatabaseHandle;
  audit: AuditLog;
  events: EventBus;
  store: ReportStore;
  constituencies: Pick<ConstituencyService, 'matchText'>;
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

  /** Registers a report: keeps the raw submission and its hash, extracts observables, finds the constituency. */
  async function register(actor: Actor, input: NewReport): Promise<Report> {
    requireRole(actor, 'handler');
    const at = now();
    const receivedAt = input.receivedAt ?? at.toISOString();
    if (new Date(receivedAt).getTime() > at.getTime() + 5 * 60_000) {
      throw invalid('received_in_future', 'The received time lies in the future', [
        { path: 'body.receivedAt', message: 'must not be in the future' },
      ]);
    }
    const raw = input.raw ?? input.body;
    const text = `${input.title}\n${input.body}`;
    const observables = extractObservables(text);
    const match = await constituencies.matchText(text);
    const id = randomUUID();
    await transaction(db, async (tx, onCommit) => {
      await store.insert(
        tx,
        {
          id,
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
          created_by: actor.label,
          created_at: at.toISOString(),
          updated_at: at.toISOString(),
          version: 1,
        },
        observables,
      );
      await audit.record(tx, actor, {
        action: 'report.registered',
        targetType: 'report',
        targetId: id,
        data: {
          title: input.title,
          channel: input.channel,
          reporter: input.reporter.name,
          rawSha256: sha256Hex(raw),
          constituencyId: match?.constituencyId ?? null,
        },
      });
      onCommit(publish({ id, constituencyId: match?.constituencyId ?? null }));
    });
    // The reporter-side handler sees what they sent, but not which other constituency it landed in.
    const created = (await store.get(db, unrestrictedScope, id))!;
    return constituencyAllowed(actor.scope, created.constituency?.id ?? null)
      ? created
      : { ...created, constituency: null, matchedBy: null };
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

  return { register, list, get, discard, linkToIncident };
}

export type ReportService = ReturnType<typeof createReportService>;
