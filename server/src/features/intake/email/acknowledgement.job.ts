import type { Mailer } from '../../../platform/mail/mailer.ts';
import type { DatabaseHandle } from '../../../platform/db/database.ts';
import type { JobHandler } from '../../../platform/jobs/index.ts';

export const SEND_ACKNOWLEDGEMENT = 'email.send_acknowledgement';

interface Payload {
  communicationId: string;
  inReplyTo: string | null;
  references: string[];
}

/**
 * Sends a queued acknowledgement through the relay, marked as an automatic reply (RFC 3834) so that
 * well-behaved responders stay silent. A failed attempt is retried by the job queue.
 */
export function acknowledgementJobs(handle: DatabaseHandle, mailer: Mailer | null): JobHandler<Payload>[] {
  const { db } = handle;
  return [
    {
      kind: SEND_ACKNOWLEDGEMENT,
      async run(payload, ctx) {
        const c = await db
          .selectFrom('communications')
          .selectAll()
          .where('id', '=', payload.communicationId)
          .executeTakeFirst();
        if (!c || c.status === 'sent') return;
        if (!mailer)
          throw new Error('No mail relay is configured (FIREBREAK_MAIL_RELAY_URL, FIREBREAK_MAIL_FROM)');
        await mailer.send({
          to: JSON.parse(c.to_addresses) as string[],
          subject: c.subject,
          text: c.body,
          messageId: c.message_id!,
          inReplyTo: payload.inReplyTo ?? undefined,
          references: payload.references,
          headers: { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' },
        });
        await db.updateTable('communications').set({ status: 'sent' }).where('id', '=', c.id).execute();
        ctx.log.info({ communicationId: c.id }, 'acknowledgement sent');
      },
      timeoutMs: 60_000,
    },
  ];
}
