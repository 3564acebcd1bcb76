import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort, load, printTable, startProcess, stopProcess, type LoadResult } from './harness.ts';

const ADMIN = { email: 'bench@example.test', password: 'bench-password-123' };
const POSTGRES = process.env.FIREBREAK_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Authenticated GET /api/v1/me (token and cookie) against a bare Fastify hello-world, per database. */
export async function benchMe(seconds: number): Promise<void> {
  console.log(`\n## GET /api/v1/me vs. bare Fastify (${seconds} s each, 10 connections, loopback)`);
  const helloPort = await freePort();
  const hello = await startProcess(
    'node',
    ['bin/run-ts.js', 'bench/fixtures/hello-server.ts', String(helloPort)],
    {},
    `http://127.0.0.1:${helloPort}/`,
  );
  const baseline = await load('baseline: bare Fastify GET /', `http://127.0.0.1:${helloPort}/`, {}, seconds);
  await stopProcess(hello);

  const rows: LoadResult[] = [baseline];
  rows.push(...(await benchFirebreak('sqlite', undefined, seconds)));
  const pgDb = `fb_bench_${process.pid}`;
  const pgUrl = new URL(POSTGRES);
  pgUrl.pathname = `/${pgDb}`;
  if (await postgresReachable()) rows.push(...(await benchFirebreak('postgres', pgUrl.toString(), seconds)));
  else console.log('(PostgreSQL not reachable: skipped)');
  await dropDatabase(pgDb);
  printTable(rows, baseline);
}

async function benchFirebreak(
  label: string,
  databaseUrl: string | undefined,
  seconds: number,
): Promise<LoadResult[]> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fb-bench-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = {
    FIREBREAK_PORT: String(port),
    FIREBREAK_DATA_DIR: dataDir,
    FIREBREAK_ADMIN_EMAIL: ADMIN.email,
    FIREBREAK_ADMIN_PASSWORD: ADMIN.password,
    FIREBREAK_LOG_LEVEL: 'warn',
    FIREBREAK_JOBS: 'off',
    ...(databaseUrl ? { FIREBREAK_DATABASE_URL: databaseUrl } : {}),
  };
  const server = await startProcess('node', ['bin/firebreak.js', 'serve'], env, `${base}/api/v1/health`);
  try {
    const login = await fetch(`${base}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    const cookie = login.headers.getSetCookie()[0]?.split(';')[0] ?? '';
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const tokenRes = await fetch(`${base}/api/v1/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({ name: 'bench' }),
    });
    const { secret } = (await tokenRes.json()) as { secret: string };
    return [
      await load(
        `firebreak[${label}] GET /api/v1/me (bearer token)`,
        `${base}/api/v1/me`,
        { authorization: `Bearer ${secret}` },
        seconds,
      ),
      await load(
        `firebreak[${label}] GET /api/v1/me (session cookie)`,
        `${base}/api/v1/me`,
        { cookie },
        seconds,
      ),
    ];
  } finally {
    await stopProcess(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function dropDatabase(name: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES });
  try {
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
  } catch {
    // PostgreSQL absent: nothing to drop
  } finally {
    await client.end().catch(() => undefined);
  }
}
