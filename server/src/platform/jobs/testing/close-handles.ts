import pg from 'pg';
import type { DatabaseHandle } from '../../db/database.ts';
import { testPostgresUrl } from '../../testing/test-database.ts';

/**
 * Closes handles, then waits until PostgreSQL has let go of the test database's connections.
 * pg-pool's end() resolves before its connections have closed, and the pools in database.ts have no
 * 'error' listener, so the DROP DATABASE … WITH (FORCE) that follows could terminate one of them
 * and crash the test process with an unhandled 57P01 error.
 */
export async function closeHandles(handles: DatabaseHandle[], databaseUrl?: string): Promise<void> {
  for (const h of handles) await h.close().catch(() => undefined);
  if (!databaseUrl) return;
  const name = new URL(databaseUrl).pathname.slice(1);
  const admin = new pg.Client({ connectionString: testPostgresUrl });
  await admin.connect();
  try {
    for (let i = 0; i < 100; i++) {
      const { rows } = await admin.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1',
        [name],
      );
      if (rows[0]?.n === 0) return;
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    await admin.end();
  }
}
