import type { FastifyInstance, FastifyRequest } from 'fastify';
import { invalid } from './domain-error.ts';

const rawBodies = new WeakMap<FastifyRequest, string>();

// `\u0000` not itself escaped (an odd run of backslashes before the `u`).
const NUL_ESCAPE = /(?:^|[^\\])(?:\\\\)*\\u0000/;

/**
 * JSON bodies through Fastify's own parser (same errors, same prototype-poisoning refusal), except
 * that one holding a NUL character (`\u0000`) gets a 400 that says so: PostgreSQL text cannot hold
 * it, so the write would otherwise fail with a 500 after the request was accepted. `onBody` sees
 * the text as received.
 */
export function parseJsonBodies(
  scope: FastifyInstance,
  onBody?: (request: FastifyRequest, body: string) => void,
): void {
  const parse = scope.getDefaultJsonParser('error', 'error');
  scope.removeContentTypeParser('application/json');
  scope.addContentTypeParser('application/json', { parseAs: 'string' }, (request, raw, done) => {
    const body = raw.toString();
    // JSON escapes are lower-case `\u`: the scan runs only on bodies that hold one.
    if (body.includes('\\u') && NUL_ESCAPE.test(body)) {
      const message = 'must not contain a NUL character (\\u0000): send binary content as a file';
      done(invalid('nul_character', 'The JSON body holds a NUL character', [{ path: 'body', message }]));
      return;
    }
    onBody?.(request, body);
    // Fastify's default parser answers through `done`; it returns nothing to wait for.
    void parse(request, body, done);
  });
}

/**
 * Makes the JSON parser of this (encapsulated) instance keep the body exactly as received, for
 * intake routes that store the submission unchanged with its hash or check a signature over it.
 */
export function keepRawJsonBody(scope: FastifyInstance): void {
  parseJsonBodies(scope, (request, body) => rawBodies.set(request, body));
}

/** Records the raw submission of a request whose body was assembled otherwise (a multipart `_json` part). */
export function setRawBody(request: FastifyRequest, raw: string): void {
  rawBodies.set(request, raw);
}

/** The body as received, when the route keeps it (see `keepRawJsonBody`). */
export function rawBodyOf(request: FastifyRequest): string | undefined {
  return rawBodies.get(request);
}

/**
 * Makes this (encapsulated) instance hand bodies of the given content types to its routes as the
 * string received, unparsed, for intake routes that read line formats (JSON lines) themselves. Any
 * other content type is refused with 415.
 */
export function acceptTextBodies(scope: FastifyInstance, contentTypes: string[]): void {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser(contentTypes, { parseAs: 'string' }, (_request, body, done) => done(null, body));
}
