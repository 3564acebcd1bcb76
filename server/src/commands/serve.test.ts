import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createTestDatabase, describeEachDialect } from '../platform/testing/test-database.ts';
import { serve, waitFor } from '../testing/serve-process.ts';

describeEachDialect('firebreak serve', (dialect) => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('prints where to sign in and a one-time admin password that works', async () => {
    const env: Record<string, string> = {};
    if (dialect === 'postgres') {
      // An empty database, not migrated: the server migrates it on start.
      const db = await createTestDatabase('postgres', { migrate: false });
      cleanups.push(() => db.drop());
      env.FIREBREAK_DATABASE_URL = db.databaseUrl!;
    }
    const dataDir = mkdtempSync(path.join(tmpdir(), 'fb-serve-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const { child, output } = serve({ ...env, FIREBREAK_DATA_DIR: dataDir });
    cleanups.push(() => void child.kill('SIGTERM'));

    const [, url] = await waitFor(output, /is running at (http:\/\/127\.0\.0\.1:\d+)/);
    const [, email, password] = await waitFor(output, /sign in as (\S+) with password (\S+)/);
    expect(output()).toContain(dialect === 'sqlite' ? 'firebreak.sqlite' : 'fb_test_');

    const login = await fetch(`${url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    expect(login.status).toBe(200);
    expect(((await login.json()) as { user: { role: string } }).user.role).toBe('admin');
    const health = await fetch(`${url}/api/v1/health`);
    expect(((await health.json()) as { database: { dialect: string } }).database.dialect).toBe(dialect);
  });
});

it('refuses to start with a clear list of configuration problems', async () => {
  const { child, output } = serve({ FIREBREAK_PORT: 'http', FIREBREAK_JOBS: 'maybe' });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  expect(code).toBe(1);
  expect(output()).toContain('FIREBREAK_PORT');
  expect(output()).toContain('FIREBREAK_JOBS');
  expect(output()).not.toMatch(/\n\s+at /);
});
