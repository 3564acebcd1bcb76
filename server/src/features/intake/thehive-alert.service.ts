import type {
  TheHiveAlertOut,
  TheHiveAlertV0,
  TheHiveAlertV1,
  TheHiveError,
} from '#contracts/thehive-alerts.ts';
import { requireRole, type Actor } from '../../platform/auth/actor.ts';
import { invalid } from '../../platform/http/domain-error.ts';
import type { ReportService } from '../reports/index.ts';
import { alertAnswer, alertToReport, type TlpNumbering } from './thehive-alert.rules.ts';
import type { AlertFile, AlertVersion } from './thehive-artifact.rules.ts';

export interface TheHiveAlertServiceDeps {
  reports: Pick<ReportService, 'register'>;
  now: () => Date;
  /** How `/api/v1/alert` numbers TLP (the `theHiveV1Tlp` setting). */
  v1Tlp?: TlpNumbering;
}

/** What an alert submission carries besides its parsed body. */
export interface AlertSubmission {
  /** The body exactly as received (the `_json` part of a multipart alert). */
  raw: string;
  /** Multipart file parts by name, hashed. */
  files: ReadonlyMap<string, AlertFile>;
}

export type AlertOutcome = { created: TheHiveAlertOut } | { duplicate: TheHiveError };

export function createTheHiveAlertService({ reports, now, v1Tlp = 'tlp2' }: TheHiveAlertServiceDeps) {
  /**
   * Registers a TheHive alert as a report. A known (type, source, sourceRef) is refused the way
   * TheHive refuses it (`CreateError`), while the report counts the repetition.
   */
  async function create(
    actor: Actor,
    version: AlertVersion,
    alert: TheHiveAlertV0 | TheHiveAlertV1,
    submission: AlertSubmission,
  ): Promise<AlertOutcome> {
    requireRole(actor, 'handler');
    const mapped = alertToReport(version, alert, submission.raw, submission.files, { now: now(), v1Tlp });
    if ('issues' in mapped) throw invalid('alert_invalid', 'Some artifacts cannot be read', mapped.issues);
    const { report, repeated } = await reports.register(actor, mapped.report);
    if (repeated) {
      return {
        duplicate: {
          type: 'CreateError',
          message: `Alert ${alert.type}:${alert.source}:${alert.sourceRef} already exists`,
        },
      };
    }
    return { created: alertAnswer(version, alert, report, mapped.echo, v1Tlp) };
  }

  return { create };
}

export type TheHiveAlertService = ReturnType<typeof createTheHiveAlertService>;
