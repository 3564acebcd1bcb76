import { z } from 'zod';
import { IdParam } from '#contracts/common.ts';
import { ApiToken, CreatedToken, CreateToken } from '#contracts/identity.ts';
import { actorOf } from '../../platform/http/auth.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import type { TokenService } from './tokens.service.ts';

const tags = ['tokens'];

export function tokenRoutes(app: ZodApp, tokens: TokenService): void {
  app.get(
    '/api/v1/tokens',
    {
      schema: {
        tags,
        summary: 'List API tokens (yours; admins may name a user)',
        querystring: z.object({ userId: z.string().max(100).optional() }),
        response: { 200: z.object({ items: z.array(ApiToken) }) },
      },
    },
    async (request) => ({ items: await tokens.list(actorOf(request), request.query.userId) }),
  );

  app.post(
    '/api/v1/tokens',
    {
      schema: {
        tags,
        summary: 'Create an API token; the secret is shown only in this answer',
        body: CreateToken,
        response: { 201: CreatedToken },
      },
    },
    async (request, reply) => reply.status(201).send(await tokens.create(actorOf(request), request.body)),
  );

  app.delete(
    '/api/v1/tokens/:id',
    { schema: { tags, summary: 'Revoke an API token', params: IdParam, response: { 204: z.null() } } },
    async (request, reply) => {
      await tokens.revoke(actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
