import type { Incident, NewIncident } from '#contracts/incidents.ts';
import type { ReportBulkAction, ReportBulkResult } from '#contracts/report-bulk.ts';
import type { Report } from '#contracts/reports.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { DomainError } from '../../platform/http/domain-error.ts';
import { openDefaults } from './report-bulk.rules.ts';
import type { ReportService } from './report.service.ts';

type OpenAction = Extract<ReportBulkAction, { action: 'open' }>;

/** The incident use cases bulk actions reuse; incidents build on reports, so they are passed in. */
export interface ReportBulkDeps {
  reports: Pick<ReportService, 'get' | 'discardMany'>;
  openIncident: (actor: Actor, input: NewIncident) => Promise<Incident>;
  linkReports: (
    actor: Actor,
    key: string,
    input: { reportIds: string[]; version?: number },
  ) => Promise<Incident>;
}

/**
 * One action on many inbox reports. Each goes through the use case that does it for one (opening an
 * incident, linking, discarding) and so is one transaction: all reports change or, when any id is
 * not a new report the actor can see, none does and the problem names each bad one.
 */
export function createReportBulkService({ reports, openIncident, linkReports }: ReportBulkDeps) {
  /** Reports the actor can see, for defaults only: the open path itself checks every id. */
  async function visible(actor: Actor, ids: string[]): Promise<Report[]> {
    const found = await Promise.all(
      ids.map((id) =>
        reports.get(actor, id).catch((e: unknown) => {
          if (e instanceof DomainError && e.kind === 'not_found') return null;
          throw e;
        }),
      ),
    );
    return found.filter((r): r is Report => r !== null);
  }

  async function open(actor: Actor, input: OpenAction): Promise<Incident> {
    const { action: _a, ...given } = input;
    const needsDefaults = !given.title || !given.tlp || !given.pap || !given.severity;
    const defaults = openDefaults(needsDefaults ? await visible(actor, given.reportIds) : []);
    return openIncident(actor, {
      ...given,
      title: given.title ?? defaults.title,
      tlp: given.tlp ?? defaults.tlp,
      pap: given.pap ?? defaults.pap,
      ...((given.severity ?? defaults.severity) ? { severity: given.severity ?? defaults.severity } : {}),
    });
  }

  async function apply(actor: Actor, input: ReportBulkAction): Promise<ReportBulkResult> {
    const done = (incidentKey: string | null): ReportBulkResult => ({
      action: input.action,
      reportIds: input.reportIds,
      incidentKey,
    });
    switch (input.action) {
      case 'link': {
        const { reportIds, version } = input;
        const incident = await linkReports(actor, input.incidentKey, {
          reportIds,
          ...(version ? { version } : {}),
        });
        return done(incident.key);
      }
      case 'open':
        return done((await open(actor, input)).key);
      case 'discard':
        await reports.discardMany(actor, input.reportIds, { reason: input.reason, note: input.note });
        return done(null);
    }
  }

  return { apply };
}

export type ReportBulkService = ReturnType<typeof createReportBulkService>;
