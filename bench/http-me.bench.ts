import {
  dropDatabase,
  freePort,
  load,
  postgresReachable,
  postgresUrl,
  printTable,
  startFirebreak,
  startProcess,
  stopProcess,
  type LoadResult,
} from './harness.ts';

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
  if (await postgresReachable()) rows.push(...(await benchFirebreak('postgres', postgresUrl(pgDb), seconds)));
  else console.log('(PostgreSQL not reachable: skipped)');
  await dropDatabase(pgDb);
  printTable(rows, baseline);
}

async function benchFirebreak(
  label: string,
  databaseUrl: string | undefined,
  seconds: number,
): Promise<LoadResult[]> {
  const server = await startFirebreak(databaseUrl);
  try {
    return [
      await load(
        `firebreak[${label}] GET /api/v1/me (bearer token)`,
        `${server.base}/api/v1/me`,
        { authorization: `Bearer ${server.token}` },
        seconds,
      ),
      await load(
        `firebreak[${label}] GET /api/v1/me (session cookie)`,
        `${server.base}/api/v1/me`,
        { cookie: server.cookie },
        seconds,
      ),
    ];
  } finally {
    await server.stop();
  }
}
