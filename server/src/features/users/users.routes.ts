import { z } from 'zod';
import { IdParam } from '#contracts/common.ts';
import { CreateUser, ResetPassword, UpdateAvailability, UpdateUser, User } from '#contracts/identity.ts';
import { actorOf } from '../../platform/http/auth.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import type { UserService } from './users.service.ts';

const tags = ['users'];

export function userRoutes(app: ZodApp, users: UserService): void {
  app.get(
    '/api/v1/users',
    {
      schema: {
        tags,
        summary: 'List users (admin)',
        querystring: z.object({ q: z.string().trim().max(200).optional() }),
        response: { 200: z.object({ items: z.array(User) }) },
      },
    },
    async (request) => ({ items: await users.list(actorOf(request), request.query) }),
  );

  app.post(
    '/api/v1/users',
    { schema: { tags, summary: 'Create a user (admin)', body: CreateUser, response: { 201: User } } },
    async (request, reply) => reply.status(201).send(await users.create(actorOf(request), request.body)),
  );

  app.patch(
    '/api/v1/users/:id',
    {
      schema: {
        tags,
        summary: 'Change, disable or enable a user (admin)',
        params: IdParam,
        body: UpdateUser,
        response: { 200: User },
      },
    },
    (request) => users.update(actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/v1/users/:id/password',
    {
      schema: {
        tags,
        summary: 'Reset a password (admin, or your own)',
        params: IdParam,
        body: ResetPassword,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await users.resetPassword(actorOf(request), request.params.id, request.body.password);
      return reply.status(204).send(null);
    },
  );

  app.patch(
    '/api/v1/me/availability',
    {
      schema: {
        tags,
        summary: 'Set your own availability and specialisations (handler)',
        body: UpdateAvailability,
        response: { 200: User },
      },
    },
    (request) => users.setAvailability(actorOf(request), request.body),
  );
}
