import type { Scope } from '#contracts/identity.ts';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { createFeatures, type Features } from '../features/index.ts';
import { systemActor } from '../platform/auth/actor.ts';
import { openEventBus } from '../platform/events/index.ts';
import { loadConfig } from '../platform/config/config.ts';
import type { Dialect } from '../platform/db/database.ts';
import { buildApp } from '../platform/http/app.ts';
import { createLogger } from '../platform/log/logger.ts';
import { createRuntime, type Runtime } from '../platform/runtime.ts';
import { createTestDatabase, type TestDatabase } from '../platform/testing/test-database.ts';

export const ADMIN = { email: 'admin@example.test', password: 'correct-horse-battery' };

export interface TestApp {
  app: FastifyInstance;
  db: TestDatabase;
  runtime: Runtime;
  features: Features;
  /** Signs in and returns headers (cookie + CSRF token) for further requests as that user. */
  login(email?: string, password?: string): Promise<Record<string, string>>;
  /** Creates a user through the service and returns its sign-in headers. */
  userWithRole(
    role: 'admin' | 'lead' | 'handler' | 'viewer',
    options?: { name?: string; scope?: Partial<Scope> },
  ): Promise<{ id: string; email: string; headers: Record<string, string> }>;
  /** Creates a user and an API token of theirs (as sensors and SIEMs use), returning the bearer header. */
  bearerWithRole(role: 'admin' | 'lead' | 'handler' | 'viewer'): Promise<{ authorization: string }>;
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

let counter = 0;

/** A full app (all features, real database of the dialect) answering through `inject`, with a first admin. */
export async function createTestApp(
  dialect: Dialect,
  env: Record<string, string> = {},
  options: { now?: () => Date } = {},
): Promise<TestApp> {
  const db = await createTestDatabase(dialect);
  const config = loadConfig({ FIREBREAK_DATA_DIR: db.dataDir, FIREBREAK_LOG_LEVEL: 'silent', ...env });
  const log = createLogger('silent');
  // `now` lets a test move the whole app's clock (SLA due times, session expiry).
  const runtime = createRuntime(config, log, db, await openEventBus(db, log), options.now);
  const features = createFeatures(runtime);
  await features.services.users.ensureInitialAdmin(ADMIN.email, ADMIN.password);
  const app = await buildApp({
    log,
    bodyLimitBytes: config.bodyLimitBytes,
    version: 'test',
    authenticate: features.authenticate,
    routes: features.routes,
  });

  async function login(email = ADMIN.email, password = ADMIN.password) {
    const res = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { email, password } });
    if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === 'fb_session');
    const { csrfToken } = res.json<{ csrfToken: string }>();
    return { cookie: `fb_session=${cookie?.value}`, 'x-csrf-token': csrfToken };
  }

  async function userWithRole(
    role: 'admin' | 'lead' | 'handler' | 'viewer',
    options: { name?: string; scope?: Partial<Scope> } = {},
  ) {
    const email = `${role}${++counter}@example.test`;
    const password = 'a-long-enough-password';
    const user = await features.services.users.create(systemActor('test'), {
      email,
      name: options.name ?? role,
      role,
      password,
      ...(options.scope ? { scope: options.scope } : {}),
    });
    return { id: user.id, email, headers: await login(email, password) };
  }

  async function bearerWithRole(role: 'admin' | 'lead' | 'handler' | 'viewer') {
    const { headers } = await userWithRole(role);
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers,
      payload: { name: 'tool' },
    });
    if (res.statusCode !== 201) throw new Error(`token failed: ${res.statusCode} ${res.body}`);
    return { authorization: `Bearer ${res.json<{ secret: string }>().secret}` };
  }

  return {
    app,
    db,
    runtime,
    features,
    login,
    userWithRole,
    bearerWithRole,
    request: (options) => app.inject(options),
    async close() {
      await app.close();
      await runtime.events.close();
      await db.drop();
    },
  };
}
