import { randomBytes } from 'node:crypto';
import type { PublicReportReceipt } from '#contracts/report-form.ts';
import { systemActor } from '../../../platform/auth/actor.ts';
import { invalid } from '../../../platform/http/domain-error.ts';
import { formatPublicRef, type ReportService } from '../../reports/index.ts';
import type { FormLimits, FormSubmission } from './report-form.multipart.ts';
import { checkForm, filledByBot, formToReport } from './report-form.rules.ts';

export interface ReportFormServiceDeps {
  reports: Pick<ReportService, 'register'>;
  limits: FormLimits;
}

const actor = systemActor('report-form');

export function createReportFormService({ reports, limits }: ReportFormServiceDeps) {
  /**
   * Registers a constituent's report with its attachments and answers only its public reference:
   * nothing about this or any other report leaves through the form.
   */
  async function submit(submission: FormSubmission): Promise<PublicReportReceipt & { bot: boolean }> {
    // A bot gets what a person gets, so it cannot tell it was caught; nothing is written.
    if (filledByBot(submission.fields)) return { reference: formatPublicRef(randomBytes(8)), bot: true };
    const checked = checkForm(submission, limits);
    if (!checked.form) throw invalid('validation_failed', 'The report form has problems', checked.issues);
    const { report } = await reports.register(
      actor,
      formToReport(checked.form, submission.files),
      { attachments: submission.files },
      { publicRef: true },
    );
    return { reference: report.publicRef!, bot: false };
  }

  return { submit };
}

export type ReportFormService = ReturnType<typeof createReportFormService>;
