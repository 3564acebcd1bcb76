import { z } from 'zod';
import { IdParam } from '#contracts/common.ts';
import {
  Constituency,
  ConstituencyInput,
  ConstituencySummary,
  ConstituencyUpdate,
  MatchQuery,
  MatchResult,
} from '#contracts/constituencies.ts';
import { actorOf } from '../../platform/http/auth.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import type { ConstituencyService } from './constituency.service.ts';

const tags = ['constituencies'];

export function constituencyRoutes(app: ZodApp, service: ConstituencyService): void {
  app.get(
    '/api/v1/constituencies',
    {
      schema: {
        tags,
        summary: 'Constituencies in your scope',
        querystring: z.object({ q: z.string().trim().max(200).optional() }),
        response: { 200: z.object({ items: z.array(ConstituencySummary) }) },
      },
    },
    async (request) => ({ items: await service.list(actorOf(request), request.query) }),
  );

  app.get(
    '/api/v1/constituencies/match',
    {
      schema: {
        tags,
        summary: 'Which constituency owns an IP, domain, URL, e-mail address or ASN',
        querystring: MatchQuery,
        response: { 200: MatchResult },
      },
    },
    (request) => service.match(actorOf(request), request.query.value),
  );

  app.get(
    '/api/v1/constituencies/:id',
    {
      schema: {
        tags,
        summary: 'One constituency with its assets and contacts',
        params: IdParam,
        response: { 200: Constituency },
      },
    },
    (request) => service.get(actorOf(request), request.params.id),
  );

  app.post(
    '/api/v1/constituencies',
    {
      // 50,000 netblocks are about 2 MB of JSON.
      bodyLimit: 16 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Create a constituency (admin)',
        body: ConstituencyInput,
        response: { 201: Constituency },
      },
    },
    async (request, reply) => reply.status(201).send(await service.create(actorOf(request), request.body)),
  );

  app.patch(
    '/api/v1/constituencies/:id',
    {
      bodyLimit: 16 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Change a constituency (admin); send the version you read, a stale one gets 409',
        params: IdParam,
        body: ConstituencyUpdate,
        response: { 200: Constituency },
      },
    },
    (request) => service.update(actorOf(request), request.params.id, request.body),
  );

  app.delete(
    '/api/v1/constituencies/:id',
    {
      schema: {
        tags,
        summary: 'Delete a constituency (admin)',
        params: IdParam,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await service.remove(actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
