import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../auth/actor.ts';
import { safeEqual } from '../crypto/secrets.ts';
import { DomainError, unauthenticated } from './domain-error.ts';

export interface Authenticated {
  actor: Actor;
  /** Set for cookie sessions: unsafe requests must echo it in `X-CSRF-Token`. */
  csrfToken: string | null;
}

/** Resolves a request's credentials (cookie or bearer token) to an actor; null when it carries none. */
export type Authenticator = (request: FastifyRequest) => Promise<Authenticated | null>;

declare module 'fastify' {
  interface FastifyRequest {
    auth: Authenticated | null;
  }
  interface FastifyContextConfig {
    /** false for the few unsafe routes that must work without a CSRF token (logging in). */
    csrf?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const CSRF_HEADER = 'x-csrf-token';

export function registerAuth(app: FastifyInstance, authenticate: Authenticator): void {
  app.decorateRequest('auth', null);
  // onRequest, before any body is read: a route may then refuse anonymous uploads before parsing them.
  app.addHook('onRequest', async (request) => {
    request.auth = await authenticate(request);
    const csrf = request.auth?.csrfToken;
    if (!csrf || SAFE_METHODS.has(request.method) || request.routeOptions.config.csrf === false) return;
    // Synchroniser token on top of SameSite=Strict: a forged cross-site form cannot read the token.
    const sent = request.headers[CSRF_HEADER];
    if (typeof sent !== 'string' || !safeEqual(sent, csrf)) {
      throw new DomainError(
        'forbidden',
        'csrf_token_invalid',
        `Send the session's CSRF token in the ${CSRF_HEADER} header`,
      );
    }
  });
}

/** onRequest hook for routes with large bodies: refuses anonymous requests before the body is read. */
export function requireSignedIn(
  request: FastifyRequest,
  _reply: FastifyReply,
  done: (error?: Error) => void,
): void {
  done(request.auth ? undefined : unauthenticated());
}

/** The signed-in actor, or 401. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.auth) throw unauthenticated();
  return request.auth.actor;
}
