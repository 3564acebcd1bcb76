import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';

const ADMIN = { email: 'bench@example.test', password: 'bench-password-123' };
const POSTGRES = process.env.FIREBREAK_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface LoadResult {
  name: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
}

/** Bounded load on loopback only: a fixed duration and connection count. */
export async function load(
  name: string,
  url: string,
  headers: Record<string, string> = {},
  seconds = 5,
  request: { method?: 'GET' | 'POST'; body?: string } = {},
): Promise<LoadResult> {
  const result = await autocannon({ url, headers, connections: 10, duration: seconds, ...request });
  return {
    name,
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Starts a child process and resolves once `url` answers 200. */
export async function startProcess(
  command: string,
  args: string[],
  env: Record<string, string>,
  url: string,
): Promise<ChildProcess> {
  const child = spawn(command, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`${url} did not come up within 60 s`);
}

export function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

export function printTable(rows: LoadResult[], baseline: LoadResult): void {
  console.log('');
  console.log(
    `${'scenario'.padEnd(52)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'vs baseline'.padStart(12)}`,
  );
  for (const r of rows) {
    const ratio = (r.requestsPerSecond / baseline.requestsPerSecond).toFixed(2);
    const flags = r.errors || r.non2xx ? `  (${r.errors} errors, ${r.non2xx} non-2xx)` : '';
    console.log(
      `${r.name.padEnd(52)} ${String(r.requestsPerSecond).padStart(8)} ${String(r.p50Ms).padStart(7)} ${String(r.p99Ms).padStart(7)} ${`${ratio}x`.padStart(12)}${flags}`,
    );
  }
}

/** A database of that name on the benchmark's PostgreSQL server. */
export function postgresUrl(database: string): string {
  const url = new URL(POSTGRES);
  url.pathname = `/${database}`;
  return url.toString();
}

export interface RunningFirebreak {
  base: string;
  dataDir: string;
  /** Session cookie and API token of the bench admin. */
  cookie: string;
  token: string;
  stop(): Promise<void>;
}

/** `firebreak serve` in its own process on a fresh data folder (SQLite) or the given PostgreSQL database. */
export async function startFirebreak(databaseUrl: string | undefined): Promise<RunningFirebreak> {
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
  // FIREBREAK_BENCH_NODE_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server under load.
  const flags = process.env.FIREBREAK_BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? [];
  const server = await startProcess(
    'node',
    [...flags, 'bin/firebreak.js', 'serve'],
    env,
    `${base}/api/v1/health`,
  );
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
  return {
    base,
    dataDir,
    cookie,
    token: secret,
    async stop() {
      await stopProcess(server);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function postgresReachable(): Promise<boolean> {
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

export async function dropDatabase(name: string): Promise<void> {
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
