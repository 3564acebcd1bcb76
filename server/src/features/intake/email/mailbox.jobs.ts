import type { JobHandler, JobQueue } from '../../../platform/jobs/index.ts';
import type { ImapPoller } from './imap-poller.ts';
import type { MailboxService } from './mailbox.service.ts';

export const POLL_MAILBOXES = 'email.poll_mailboxes';
export const POLL_MAILBOX = 'email.poll_mailbox';

/** The minutely sweep enqueues one poll per enabled mailbox; a mailbox still being polled is not queued twice. */
export function mailboxJobs(
  mailboxes: Pick<MailboxService, 'enabledIds'>,
  poller: ImapPoller,
  jobs: JobQueue,
): JobHandler<any>[] {
  const sweep: JobHandler<Record<string, never>> = {
    kind: POLL_MAILBOXES,
    async run() {
      for (const id of await mailboxes.enabledIds())
        await jobs.enqueue(
          POLL_MAILBOX,
          { mailboxId: id },
          { dedupeKey: `${POLL_MAILBOX}:${id}`, maxAttempts: 1 },
        );
    },
    timeoutMs: 50_000,
  };
  const poll: JobHandler<{ mailboxId: string }> = {
    kind: POLL_MAILBOX,
    async run({ mailboxId }, ctx) {
      const result = await poller.poll(mailboxId);
      if (result.taken || result.error) ctx.log.info({ mailboxId, ...result }, 'mailbox polled');
    },
    timeoutMs: 5 * 60_000,
  };
  return [sweep, poll];
}

export const mailboxSchedules = [
  { name: POLL_MAILBOXES, cron: '* * * * *', kind: POLL_MAILBOXES, payload: {} },
];
