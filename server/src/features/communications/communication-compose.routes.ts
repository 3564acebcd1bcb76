import { z } from 'zod';
import { Communication, ComposeMessage, MessagePreview } from '#contracts/communications.ts';
import { actorOf } from '../../platform/http/auth.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import type { ComposeService } from './communication-compose.service.ts';

const tags = ['communications'];
const KeyParam = z.object({ key: z.string().min(1).max(40) });

export function composeRoutes(app: ZodApp, compose: ComposeService): void {
  app.post(
    '/api/v1/incidents/:key/communications/preview',
    {
      schema: {
        tags,
        summary:
          'The message as it would leave: variables filled, TLP banner, key in the subject, encryption',
        params: KeyParam,
        body: ComposeMessage,
        response: { 200: MessagePreview },
      },
    },
    (request) => compose.preview(actorOf(request), request.params.key, request.body),
  );

  app.post(
    '/api/v1/incidents/:key/communications',
    {
      schema: {
        tags,
        summary:
          'Send a message (queued, then sent by a job); OpenPGP-encrypted when every recipient has a key, refused for TLP:AMBER+STRICT/RED otherwise',
        params: KeyParam,
        body: ComposeMessage,
        response: { 201: Communication },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await compose.send(actorOf(request), request.params.key, request.body)),
  );
}
