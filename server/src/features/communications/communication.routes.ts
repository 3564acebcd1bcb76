import { z } from 'zod';
import { IdParam } from '#contracts/common.ts';
import { Communication } from '#contracts/communications.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import { downloadHeaders } from '../../platform/http/content-disposition.ts';
import { actorOf } from '../../platform/http/auth.ts';
import type { CommunicationService } from './communication.service.ts';

const tags = ['communications'];
const KeyParam = z.object({ key: z.string().min(1).max(40) });

export function communicationRoutes(app: ZodApp, communications: CommunicationService): void {
  app.get(
    '/api/v1/incidents/:key/communications',
    {
      schema: {
        tags,
        summary:
          "The incident's messages in and out, oldest first (replies thread here by key or Message-ID)",
        params: KeyParam,
        response: { 200: z.object({ items: z.array(Communication) }) },
      },
    },
    async (request) => ({ items: await communications.forIncident(actorOf(request), request.params.key) }),
  );

  app.get(
    '/api/v1/reports/:id/communications',
    {
      schema: {
        tags,
        summary: 'Messages about a report before it joined an incident: acknowledgements and follow-ups',
        params: IdParam,
        response: { 200: z.object({ items: z.array(Communication) }) },
      },
    },
    async (request) => ({ items: await communications.forReport(actorOf(request), request.params.id) }),
  );

  app.get(
    '/api/v1/communications/:id/raw',
    {
      schema: {
        tags,
        summary: 'A received message byte for byte (message/rfc822, as an attachment)',
        params: IdParam,
      },
    },
    async (request, reply) => {
      const out = await communications.raw(actorOf(request), request.params.id);
      return reply.headers(downloadHeaders(out.filename, 'message/rfc822')).send(out.bytes);
    },
  );
}
