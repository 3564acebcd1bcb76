import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import helmet from 'helmet';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import { registerAuth, type Authenticator } from './auth.ts';
import { registerMetrics } from './metrics.ts';
import { registerProblemHandlers, sendProblem } from './problem.ts';
import { parseJsonBodies } from './raw-body.ts';

const typed = (app: FastifyInstance) => app.withTypeProvider<ZodTypeProvider>();

/** The Fastify instance as routes see it: Zod schemas type the request and the response. */
export type ZodApp = ReturnType<typeof typed>;

export interface AppOptions {
  log: Logger;
  bodyLimitBytes: number;
  version: string;
  authenticate: Authenticator;
  /** Folder of the built web app; served at `/` when it exists. */
  webDist?: string;
  /** Registers the features' routes on the typed instance. */
  routes(app: ZodApp): void;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    // pino's Logger is a FastifyBaseLogger; the cast keeps the instance's default generic.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
    loggerInstance: options.log as FastifyBaseLogger,
    bodyLimit: options.bodyLimitBytes,
    trustProxy: false,
    // Live-event streams never end on their own; close them on shutdown instead of waiting.
    forceCloseConnections: true,
    requestIdHeader: 'x-request-id',
    genReqId: (req) => {
      const sent = req.headers['x-request-id'];
      return typeof sent === 'string' && REQUEST_ID.test(sent) ? sent : randomUUID();
    },
    ajv: { customOptions: { removeAdditional: false } },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  parseJsonBodies(app);
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id);
    done(null, payload);
  });

  // Built once: @fastify/helmet rebuilt the middleware, CSP parsing included, on every request (8% of a GET).
  const secureHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Mantine sets inline style attributes; scripts stay same-origin only.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onRequest', (request, reply, done) => {
    secureHeaders(request.raw, reply.raw, (error) => done(error as Error | undefined));
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  registerProblemHandlers(app);
  registerMetrics(app);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Firebreak API',
        version: options.version,
        description: 'Incident response platform API',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'fb_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, () => app.swagger());

  registerAuth(app, options.authenticate);
  options.routes(typed(app));
  await serveWeb(app, options.webDist);
  return app;
}

/** Serves the single-page app when it is built, with index.html for its client-side routes. */
async function serveWeb(app: FastifyInstance, webDist: string | undefined): Promise<void> {
  const built = webDist !== undefined && existsSync(path.join(webDist, 'index.html'));
  if (built) {
    // wildcard: files built after start-up are served too; a missing file falls through to the handler below.
    await app.register(fastifyStatic, { root: webDist, wildcard: true, index: false });
    app.get('/', { schema: { hide: true } }, (_request, reply) =>
      reply.type('text/html').sendFile('index.html'),
    );
  }
  app.setNotFoundHandler((request, reply) => {
    const apiPath = request.url.startsWith('/api/') || request.url === '/metrics';
    const page = request.method === 'GET' && !apiPath && request.headers.accept?.includes('text/html');
    if (page && built) return reply.type('text/html').sendFile('index.html');
    return sendProblem(
      request,
      reply,
      404,
      'route_not_found',
      page
        ? 'The web app is not built: `npm start` builds it, or run `npm run build:web` and restart'
        : `No route ${request.method} ${request.url.split('?')[0]}`,
    );
  });
}
