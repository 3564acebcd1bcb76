import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { createFeatures } from '../features/index.ts';
import { loadConfig, type Config } from '../platform/config/config.ts';
import { buildApp } from '../platform/http/app.ts';
import { createLogger } from '../platform/log/logger.ts';
import { openRuntime, type Runtime } from '../platform/runtime.ts';
import { version } from '../platform/version.ts';

export const webDist = fileURLToPath(new URL('../../../web/dist', import.meta.url));

export interface RunningServer {
  app: FastifyInstance;
  runtime: Runtime;
  url: string;
  close(): Promise<void>;
}

/** Opens the runtime, creates the first admin when needed, and serves the API and the web app. */
export async function startServer(config: Config, options: { quiet?: boolean } = {}): Promise<RunningServer> {
  const log = createLogger(config.logLevel);
  const runtime = await openRuntime(config, log);
  const features = createFeatures(runtime);
  const admin = await features.services.users.ensureInitialAdmin(config.adminEmail, config.adminPassword);
  const app = await buildApp({
    log,
    bodyLimitBytes: config.bodyLimitBytes,
    version,
    authenticate: features.authenticate,
    webDist,
    routes: features.routes,
  });
  const jobs = await features.startJobs(config.jobs === 'inline');
  await app.listen({ host: config.host, port: config.port });
  const smtp = await features.email.startSmtp();
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  if (!options.quiet) {
    console.log(
      `Firebreak ${version} is running at ${url} (${runtime.handle.dialect}: ${describeStore(config)})`,
    );
    if (smtp) console.log(`Reports by e-mail: SMTP on ${config.smtpHost}:${smtp.port}`);
    if (admin) {
      const shown = config.adminPassword ? '(the password from FIREBREAK_ADMIN_PASSWORD)' : admin.password;
      console.log(`First start: sign in as ${admin.email} with password ${shown}`);
      if (!config.adminPassword) console.log('This password is shown only once. Change it after signing in.');
    }
  }
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await smtp?.close();
      await app.close();
      await jobs.stop();
      features.email.close();
      await runtime.close();
    })());
  return { app, runtime, url, close };
}

function describeStore(config: Config): string {
  if (!config.databaseUrl) return path.join(config.dataDir, 'firebreak.sqlite');
  const u = new URL(config.databaseUrl);
  return `${u.hostname}:${u.port || 5432}${u.pathname}`;
}

export async function serveCommand(): Promise<void> {
  const server = await startServer(loadConfig());
  const stop = (signal: string) => {
    server.app.log.info({ signal }, 'shutting down');
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
