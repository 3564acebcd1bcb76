import type { Tx } from '../../platform/db/database.ts';
import type { JobHandler, JobQueue } from '../../platform/jobs/index.ts';
import type { CorrelationRuleStore } from './correlation-rule.store.ts';
import { AUTO_LINK, type CorrelationService } from './correlation.service.ts';

/**
 * The reports feature's `onNewReports`: called inside the transaction that registers new reports
 * (never for repetitions). Auto-linking runs after commit as a durable job enqueued here, not in the
 * intake transaction: the job commits with the reports (none is acknowledged without it), a failing
 * rule or a busy incident can neither refuse nor slow a sender's report, and a crash reruns the job
 * (harmless: only reports still new are linked).
 */
export function autoLinkEnqueuer(
  jobs: Pick<JobQueue, 'enqueue'>,
  rules: Pick<CorrelationRuleStore, 'anyEnabled'>,
) {
  return async (tx: Tx, reportIds: string[]): Promise<void> => {
    if (!reportIds.length || !(await rules.anyEnabled(tx))) return;
    await jobs.enqueue(AUTO_LINK, { reportIds }, {}, tx);
  };
}

/** Auto-linking of newly registered reports to open incidents by the admins' correlation rules. */
export function correlationJobs(
  correlation: Pick<CorrelationService, 'autoLink'>,
): JobHandler<{ reportIds: string[] }>[] {
  return [
    {
      kind: AUTO_LINK,
      async run({ reportIds }, ctx) {
        const linked = await correlation.autoLink(reportIds, ctx.log);
        if (linked) ctx.log.info({ linked, reports: reportIds.length }, 'reports auto-linked to incidents');
      },
    },
  ];
}
