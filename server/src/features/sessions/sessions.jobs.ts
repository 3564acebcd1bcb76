import type { JobHandler } from '../../platform/jobs/index.ts';
import type { SessionService } from './sessions.service.ts';

export const PURGE_EXPIRED_SESSIONS = 'sessions.purge-expired';

export function sessionJobs(sessions: SessionService): JobHandler<Record<string, never>>[] {
  return [
    {
      kind: PURGE_EXPIRED_SESSIONS,
      async run(_payload, ctx) {
        const removed = await sessions.purgeExpired();
        ctx.log.info({ removed }, 'expired sessions removed');
      },
    },
  ];
}

/** Hourly, at an odd minute so several instances' cron jobs do not all fire on the hour. */
export const sessionSchedules = [
  { name: PURGE_EXPIRED_SESSIONS, cron: '17 * * * *', kind: PURGE_EXPIRED_SESSIONS, payload: {} },
];
