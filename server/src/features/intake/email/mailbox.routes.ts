import { z } from 'zod';
import { IdParam } from '#contracts/common.ts';
import { Mailbox, MailboxInput, MailboxPollResult } from '#contracts/mailboxes.ts';
import type { ZodApp } from '../../../platform/http/app.ts';
import { actorOf } from '../../../platform/http/auth.ts';
import type { MailboxService } from './mailbox.service.ts';

const tags = ['intake'];

export function mailboxRoutes(app: ZodApp, mailboxes: MailboxService): void {
  app.get(
    '/api/v1/intake/mailboxes',
    {
      schema: {
        tags,
        summary: 'IMAP mailboxes read for reports, with the last poll (admin); passwords are never shown',
        response: { 200: z.object({ items: z.array(Mailbox) }) },
      },
    },
    async (request) => ({ items: await mailboxes.list(actorOf(request)) }),
  );

  app.post(
    '/api/v1/intake/mailboxes',
    {
      schema: {
        tags,
        summary: 'Add an IMAP mailbox (admin)',
        body: MailboxInput,
        response: { 201: Mailbox },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await mailboxes.save(actorOf(request), null, request.body)),
  );

  app.put(
    '/api/v1/intake/mailboxes/:id',
    {
      schema: {
        tags,
        summary: 'Change an IMAP mailbox (admin); without a password the stored one is kept',
        params: IdParam,
        body: MailboxInput,
        response: { 200: Mailbox },
      },
    },
    (request) => mailboxes.save(actorOf(request), request.params.id, request.body),
  );

  app.delete(
    '/api/v1/intake/mailboxes/:id',
    { schema: { tags, summary: 'Stop reading an IMAP mailbox (admin)', params: IdParam } },
    async (request, reply) => {
      await mailboxes.remove(actorOf(request), request.params.id);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/v1/intake/mailboxes/:id/poll',
    {
      schema: {
        tags,
        summary: 'Read the mailbox now (admin): what was taken in, or why the connection failed',
        params: IdParam,
        response: { 200: MailboxPollResult },
      },
    },
    (request) => mailboxes.pollNow(actorOf(request), request.params.id),
  );
}
