import { z } from 'zod';
import { LoginRequest, Me } from '#contracts/identity.ts';
import { actorOf } from '../../platform/http/auth.ts';
import { DomainError } from '../../platform/http/domain-error.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import type { SessionService } from './sessions.service.ts';

export const SESSION_COOKIE = 'fb_session';

export interface SessionRouteOptions {
  secureCookie: boolean;
  loginAttemptsPerMinute: number;
}

export function sessionRoutes(app: ZodApp, sessions: SessionService, options: SessionRouteOptions): void {
  app.post(
    '/api/v1/session',
    {
      schema: {
        tags: ['session'],
        summary: 'Sign in',
        security: [],
        body: LoginRequest,
        response: { 200: Me },
      },
      config: {
        csrf: false,
        // Per address and account: slows password guessing without letting one attacker lock out everyone.
        rateLimit: {
          max: options.loginAttemptsPerMinute,
          timeWindow: '1 minute',
          keyGenerator: (req) => `${req.ip}|${emailOf(req.body)}`,
          errorResponseBuilder: (_req, ctx) =>
            new DomainError(
              'rate_limited',
              'too_many_login_attempts',
              `Too many sign-in attempts; try again in ${ctx.after}`,
            ),
        },
      },
    },
    async (request, reply) => {
      const { token, me, maxAgeSeconds } = await sessions.login(request.body.email, request.body.password, {
        ip: request.ip,
        userAgent: request.headers['user-agent'],
      });
      reply.setCookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: options.secureCookie,
        path: '/',
        maxAge: maxAgeSeconds,
      });
      return me;
    },
  );

  app.delete(
    '/api/v1/session',
    { schema: { tags: ['session'], summary: 'Sign out', response: { 204: z.null() } } },
    async (request, reply) => {
      const actor = actorOf(request);
      const token = request.cookies[SESSION_COOKIE];
      if (token) await sessions.logout(actor, token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/me',
    { schema: { tags: ['session'], summary: 'The signed-in user', response: { 200: Me } } },
    (request) => sessions.me(actorOf(request), request.auth?.csrfToken ?? null),
  );
}

function emailOf(body: unknown): string {
  const email = (body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? email.toLowerCase() : '';
}
