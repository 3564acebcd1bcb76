import { systemActor } from '../../platform/auth/actor.ts';
import type { JobHandler } from '../../platform/jobs/index.ts';
import type { RetentionService } from './retention.service.ts';

export const RUN_RETENTION = 'retention.run';

export function retentionJobs(retention: Pick<RetentionService, 'run'>): JobHandler<Record<string, never>>[] {
  return [
    {
      kind: RUN_RETENTION,
      async run(_payload, ctx) {
        const result = await retention.run(systemActor('retention'), ctx.signal);
        if (result.archived.length || result.destroyed.length || result.skipped.length)
          ctx.log.info(
            { archived: result.archived.length, destroyed: result.destroyed, skipped: result.skipped },
            'retention run',
          );
      },
      // Destruction of many incidents can take a while; a day separates runs.
      timeoutMs: 30 * 60_000,
    },
  ];
}

/** Daily at 02:30, outside working hours: periods are counted in days and months. */
export const retentionSchedules = [
  { name: RUN_RETENTION, cron: '30 2 * * *', kind: RUN_RETENTION, payload: {} },
];
