import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { Problem } from '#contracts/common.ts';
import { DomainError, type ErrorKind, type FieldIssue } from './domain-error.ts';

const statusOf: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  gone: 410,
  too_large: 413,
  integrity: 500,
};

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: string,
  detail: string,
  errors?: FieldIssue[],
  extra: Record<string, unknown> = {},
): FastifyReply {
  const body: Problem & Record<string, unknown> = {
    type: `https://firebreak.dev/problems/${code.replaceAll('_', '-')}`,
    title: titles[status] ?? 'Error',
    status,
    detail,
    instance: request.url.split('?')[0],
    code,
    requestId: request.id,
    ...(errors && errors.length > 0 ? { errors } : {}),
    ...extra,
  };
  return reply.status(status).type('application/problem+json').send(body);
}

function pathOf(parts: readonly string[], base?: string): string {
  const joined = parts.join('.');
  return [base, joined].filter(Boolean).join('.') || '(root)';
}

/** Maps every error to RFC 9457 problem+json; internals are logged, never sent. */
export function registerProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof DomainError) {
      if (error.kind === 'integrity')
        request.log.error({ err: error }, 'stored data failed its integrity check');
      return sendProblem(
        request,
        reply,
        statusOf[error.kind],
        error.code,
        error.message,
        error.issues,
        error.extra,
      );
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? 'body';
      const issues = error.validation.map((v) => ({
        path: pathOf(v.instancePath.split('/').filter(Boolean), where),
        message: v.message ?? 'is invalid',
      }));
      return sendProblem(request, reply, 400, 'validation_failed', `The request ${where} is invalid`, issues);
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error }, 'response did not match its schema');
      return sendProblem(request, reply, 500, 'internal_error', 'The server failed to answer this request');
    }
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      return sendProblem(request, reply, 500, 'internal_error', 'The server failed to answer this request');
    }
    // Fastify's own 4xx: malformed JSON, body too large, wrong content type, rate limit.
    const code = (error.code ?? 'bad_request').replace(/^FST_ERR_/, '').toLowerCase();
    return sendProblem(request, reply, status, code, error.message);
  });
}
