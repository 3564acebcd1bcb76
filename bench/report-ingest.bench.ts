import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { v7 as timeOrderedUuid } from 'uuid';
import { extractObservables } from '../server/src/features/observables/index.ts';
import { openDatabase } from '../server/src/platform/db/database.ts';
import type { ReportsTable } from '../server/src/platform/db/schema.ts';
import { createSearchIndex } from '../server/src/platform/search/search-index.ts';
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
  type RunningFirebreak,
} from './harness.ts';

const BATCH = 1000;

/** A report as an integration sends it: a title, a body with a few observables. */
function report(n: number) {
  return {
    channel: 'api',
    reporter: { kind: 'tool', name: 'bench-sensor' },
    title: `Brute force against 198.51.100.${n % 250} from 203.0.113.${(n * 7) % 250}`,
    body: `Sensor saw ${n % 500} failed logins on ssh from 203.0.113.${(n * 7) % 250} to 198.51.100.${n % 250}; see hxxp://evil${n % 97}[.]example/kit`,
  };
}

/** A stored report row as the raw-driver baseline writes it (no matching, audit or search). */
function row(n: number, at: string): (string | number)[] {
  const r = report(n);
  const text = [timeOrderedUuid(), 'api', 'tool', 'bench-sensor', '', 'unknown', at, r.title, r.body, r.body];
  const marks = ['0'.repeat(64), 'amber', 'amber', 'new', 'bench', at, at, 'bench'];
  return [...text, ...marks, 1, 1];
}
const COLUMNS = [
  'id',
  'channel',
  'reporter_kind',
  'reporter_name',
  'reporter_contact',
  'reporter_trust',
  'received_at',
  'title',
  'body',
  'raw',
  'raw_sha256',
  'tlp',
  'pap',
  'status',
  'created_by',
  'created_at',
  'updated_at',
  'source',
  'version',
  'seen_count',
];

/**
 * Ingest, with durability (a 2xx means committed): single reports over HTTP against a bare Fastify
 * endpoint accepting the same JSON; batches of 1,000 against raw inserts of the same rows through
 * the driver; and single reports again once `largeRows` reports are stored.
 */
export async function benchIngest(seconds: number, largeRows: number): Promise<void> {
  console.log(`\n## Report ingest (${seconds} s each, 10 connections, loopback)`);
  const port = await freePort();
  const accept = await startProcess(
    'node',
    ['bin/run-ts.js', 'bench/fixtures/accept-server.ts', String(port)],
    {},
    `http://127.0.0.1:${port}/`,
  );
  const body = JSON.stringify(report(1));
  const json = { 'content-type': 'application/json' };
  const baseline = await load(
    'baseline: bare Fastify accepting the JSON',
    `http://127.0.0.1:${port}/reports`,
    json,
    seconds,
    {
      method: 'POST',
      body,
    },
  );
  await stopProcess(accept);
  const rows: LoadResult[] = [baseline];

  const targets: [string, string | undefined][] = [['sqlite', undefined]];
  const pgDb = `fb_bench_ingest_${process.pid}`;
  if (await postgresReachable()) targets.push(['postgres', postgresUrl(pgDb)]);
  for (const [label, url] of targets) {
    const server = await startFirebreak(url);
    try {
      const single = (name: string) =>
        load(
          name,
          `${server.base}/api/v1/reports`,
          { ...json, authorization: `Bearer ${server.token}` },
          seconds,
          {
            method: 'POST',
            body,
          },
        );
      const empty = await single(`firebreak[${label}] POST /api/v1/reports, empty database`);
      rows.push(empty);
      const batch = await batchRate(server, seconds);
      const raw = await rawRate(label, server, url, seconds);
      console.log(
        `[${label}] batches of ${BATCH}: ${batch} reports/s; raw driver inserts: ${raw} rows/s; ` +
          `${(batch / raw).toFixed(2)}x (target ≥ 0.33x)`,
      );
      if (largeRows > 0) {
        const started = performance.now();
        await seed(server, url, largeRows);
        console.log(
          `[${label}] stored ${largeRows.toLocaleString('en')} more reports in ${Math.round((performance.now() - started) / 1000)} s`,
        );
        const large = await single(
          `firebreak[${label}] POST /api/v1/reports, +${largeRows.toLocaleString('en')} stored`,
        );
        rows.push(large);
        console.log(
          `[${label}] single-report rate after ${largeRows.toLocaleString('en')}: ` +
            `${(large.requestsPerSecond / empty.requestsPerSecond).toFixed(2)}x the empty-database rate (target ≥ 0.80x)`,
        );
      }
    } finally {
      await server.stop();
    }
  }
  await dropDatabase(pgDb);
  printTable(rows, baseline);
  console.log('(target for single reports: at least 0.50x the baseline)');
}

/** Reports per second through POST /api/v1/reports/batch, one request after another. */
async function batchRate(server: RunningFirebreak, seconds: number): Promise<number> {
  const payload = JSON.stringify({ reports: Array.from({ length: BATCH }, (_, i) => report(i)) });
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  let stored = 0;
  while (performance.now() < until) {
    const res = await fetch(`${server.base}/api/v1/reports/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
      body: payload,
    });
    if (!res.ok) throw new Error(`batch: ${res.status} ${await res.text()}`);
    stored += BATCH;
  }
  return Math.round(stored / ((performance.now() - started) / 1000));
}

/** Rows per second of plain driver inserts of the same rows in transactions of 1,000 (no matching, audit, search). */
async function rawRate(label: string, server: RunningFirebreak, url: string | undefined, seconds: number) {
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  let n = 0;
  await withWriter(label, server, url, async (insert) => {
    while (performance.now() < until) {
      await insert(n, BATCH);
      n += BATCH;
    }
  });
  return Math.round(n / ((performance.now() - started) / 1000));
}

/**
 * Stores `count` more reports as ingest leaves them: each with its observables and its search
 * document, written through the server's own search index (a bare `reports` table would flatter
 * the rate measured afterwards).
 */
async function seed(server: RunningFirebreak, url: string | undefined, count: number) {
  const handle = await openDatabase({ dataDir: server.dataDir, databaseUrl: url, createMissing: false });
  const search = createSearchIndex(handle.dialect);
  try {
    for (let from = 0; from < count; from += 5_000) {
      const at = new Date().toISOString();
      const rows = Array.from({ length: Math.min(5_000, count - from) }, (_, i) => {
        const values = row(from + i, at);
        return Object.fromEntries(COLUMNS.map((c, j) => [c, values[j]])) as unknown as ReportsTable;
      });
      await handle.db.transaction().execute(async (tx) => {
        for (let i = 0; i < rows.length; i += 500) {
          const chunk = rows.slice(i, i + 500);
          await tx.insertInto('reports').values(chunk).execute();
          await tx
            .insertInto('report_observables')
            .values(
              chunk.flatMap((r) =>
                extractObservables(`${r.title}\n${r.body}`).map((o) => ({
                  report_id: r.id,
                  type: o.type,
                  value: o.value,
                  origin: 'extracted',
                })),
              ),
            )
            .execute();
          await search.putMany(
            tx,
            chunk.map((r) => ({
              kind: 'report',
              refId: r.id,
              text: `${r.title} ${r.reporter_name} ${r.body}`,
            })),
          );
        }
      });
    }
  } finally {
    await handle.close();
  }
}

type Insert = (from: number, count: number) => Promise<void>;

/** Inserts report rows straight through better-sqlite3 or pg into the running server's database. */
async function withWriter(
  label: string,
  server: RunningFirebreak,
  url: string | undefined,
  work: (insert: Insert) => Promise<void>,
) {
  const columns = COLUMNS.join(', ');
  const values = row;
  const width = COLUMNS.length;
  if (label === 'sqlite') {
    const db = new SqliteDatabase(path.join(server.dataDir, 'firebreak.sqlite'));
    db.pragma('busy_timeout = 10000');
    const stmt = db.prepare(`INSERT INTO reports (${columns}) VALUES (${Array(width).fill('?').join(', ')})`);
    const many = db.transaction((from: number, count: number, at: string) => {
      for (let i = 0; i < count; i++) stmt.run(values(from + i, at));
    });
    try {
      await work((from, count) => Promise.resolve(many(from, count, new Date().toISOString())));
    } finally {
      db.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await work(async (from, count) => {
      const at = new Date().toISOString();
      for (let start = 0; start < count; start += BATCH) {
        const n = Math.min(BATCH, count - start);
        const params = Array.from({ length: n }, (_, i) => values(from + start + i, at)).flat();
        const tuples = Array.from(
          { length: n },
          (_, i) => `(${Array.from({ length: width }, (_, j) => `$${i * width + j + 1}`).join(', ')})`,
        );
        await client.query(`INSERT INTO reports (${columns}) VALUES ${tuples.join(', ')}`, params);
      }
    });
  } finally {
    await client.end();
  }
}
