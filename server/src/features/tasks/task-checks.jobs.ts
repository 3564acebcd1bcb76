import type { JobHandler } from '../../platform/jobs/index.ts';
import type { TaskCheckService } from './task-checks.service.ts';

export const RUN_TASK_CHECKS = 'task_checks.run_due';

export function taskCheckJobs(checks: Pick<TaskCheckService, 'runDue'>): JobHandler<Record<string, never>>[] {
  return [
    {
      kind: RUN_TASK_CHECKS,
      async run(_payload, ctx) {
        const ran = await checks.runDue();
        if (ran) ctx.log.info({ ran }, 'task checks run');
      },
      // A batch is 20 checks, 4 at a time, each capped by the outbound timeout.
      timeoutMs: 55_000,
    },
  ];
}

/** Every minute; each check's own interval decides whether it is due. */
export const taskCheckSchedules = [
  { name: RUN_TASK_CHECKS, cron: '* * * * *', kind: RUN_TASK_CHECKS, payload: {} },
];
