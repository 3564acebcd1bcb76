import type { FastifyInstance, FastifyRequest } from 'fastify';

const rawBodies = new WeakMap<FastifyRequest, string>();

/**
 * Makes the JSON parser of this (encapsulated) instance keep the body exactly as received, for
 * intake routes that store the submission unchanged with its hash or check a signature over it.
 * Parsing stays Fastify's own (same errors, same prototype-poisoning refusal).
 */
export function keepRawJsonBody(scope: FastifyInstance): void {
  const parse = scope.getDefaultJsonParser('error', 'error');
  scope.removeContentTypeParser('application/json');
  scope.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    rawBodies.set(request, body as string);
    // Fastify's default parser answers through `done`; it returns nothing to wait for.
    void parse(request, body as string, done);
  });
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
