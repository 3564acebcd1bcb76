import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe } from 'vitest';
import { openDatabase, type DatabaseHandle, type Dialect } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';

/** PostgreSQL server the integration tests create their databases on. */
export const testPostgresUrl =
  process.env.FIREBREAK_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Both dialects unless FIREBREAK_TEST_DIALECTS narrows them (e.g. `sqlite` for a quick run). */
export const testDialects: Dialect[] = (process.env.FIREBREAK_TEST_DIALECTS ?? 'sqlite,postgres')
  .split(',')
  .map((d) => d.trim())
  .filter((d): d is Dialect => d === 'sqlite' || d === 'postgres');

export interface TestDatabase extends DatabaseHandle {
  /** Data folder of this test database (SQLite file, blobs). */
  dataDir: string;
  /** PostgreSQL URL of this database, when the dialect is postgres. */
  databaseUrl?: string;
  /** Closes the handle and removes the database and its folder. */
  drop(): Promise<void>;
}

/** A fresh, empty database of the given dialect; `migrate: false` leaves it without tables. */
export async function createTestDatabase(
  dialect: Dialect,
  options: { migrate?: boolean } = {},
): Promise<TestDatabase> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fb-test-'));
  let databaseUrl: string | undefined;
  if (dialect === 'postgres') {
    const url = new URL(testPostgresUrl);
    url.pathname = `/fb_test_${randomBytes(6).toString('hex')}`;
    databaseUrl = url.toString();
  }
  const handle = await openDatabase({ dataDir, databaseUrl });
  if (options.migrate !== false) await migrateToLatest(handle);
  return {
    ...handle,
    dataDir,
    ...(databaseUrl ? { databaseUrl } : {}),
    async drop() {
      await handle.close().catch(() => undefined); // a test may have closed it already
      if (databaseUrl) await dropPostgresDatabase(databaseUrl);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function dropPostgresDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: testPostgresUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** Runs the suite once per dialect: `describeEachDialect('users', (dialect) => { ... })`. */
export function describeEachDialect(name: string, suite: (dialect: Dialect) => void): void {
  for (const dialect of testDialects) describe(`${name} [${dialect}]`, () => suite(dialect));
}
