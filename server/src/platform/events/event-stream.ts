import type { FastifyInstance } from 'fastify';
import { actorOf, type Authenticator } from '../http/auth.ts';
import { visibleTo, type EventBus } from './event-bus.ts';

const HEARTBEAT_MS = 15_000;

/**
 * `GET /api/v1/events`: Server-Sent Events for the signed-in user, filtered by each event's audience
 * against the user's role and scope. Heartbeat comments keep proxies from closing an idle stream;
 * at each one the credentials are checked again, so a stream outlives neither a logout, a disabled
 * account nor a revoked token, and follows changes of role and scope.
 */
export function registerEventStream(
  app: FastifyInstance,
  bus: EventBus,
  authenticate: Authenticator,
  heartbeatMs = HEARTBEAT_MS,
): void {
  app.get(
    '/api/v1/events',
    { schema: { tags: ['events'], summary: 'Live events (text/event-stream)' } },
    (request, reply) => {
      let actor = actorOf(request);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-request-id': request.id,
      });
      const send = (id: string, type: string, data: unknown) =>
        res.write(`id: ${id}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`);
      send(request.id, 'ready', { at: new Date().toISOString() });
      const unsubscribe = bus.subscribe((event) => {
        if (!visibleTo(actor, event.audience)) return;
        send(event.id, event.type, { id: event.id, type: event.type, at: event.at, data: event.data });
      });
      const heartbeat = setInterval(() => {
        void authenticate(request)
          .catch(() => null)
          .then((auth) => {
            if (!auth) return res.end();
            actor = auth.actor;
            res.write(': heartbeat\n\n');
          });
      }, heartbeatMs);
      request.raw.on('close', () => {
        clearInterval(heartbeat);
        unsubscribe();
      });
    },
  );
}
