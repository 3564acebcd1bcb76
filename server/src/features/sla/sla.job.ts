import type { JobHandler } from '../../platform/jobs/index.ts';
import type { SlaService } from './sla.service.ts';

export const CHECK_SLA = 'sla.check';

export function slaJobs(sla: Pick<SlaService, 'check'>): JobHandler<Record<string, never>>[] {
  return [
    {
      kind: CHECK_SLA,
      async run(_payload, ctx) {
        const recorded = await sla.check();
        if (recorded.warnings || recorded.breaches)
          ctx.log.info(recorded, 'SLA warnings and breaches recorded');
      },
      // Every minute: shorter than the next run, so a stuck check does not hold back the next one long.
      timeoutMs: 50_000,
    },
  ];
}

/** Every minute: warnings come at least 15 minutes ahead by default, so a minute late is fine. */
export const slaSchedules = [{ name: CHECK_SLA, cron: '* * * * *', kind: CHECK_SLA, payload: {} }];
