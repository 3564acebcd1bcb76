import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createTestDatabase, describeEachDialect } from '../../platform/testing/test-database.ts';
import { serve, waitFor } from '../../testing/serve-process.ts';

const ADMIN = { email: 'admin@example.test', password: 'durable-password-123' };

/** A running server's URL and an API token for it. */
async function start(env: Record<string, string>) {
  const server = serve({
    ...env,
    FIREBREAK_ADMIN_EMAIL: ADMIN.email,
    FIREBREAK_ADMIN_PASSWORD: ADMIN.password,
  });
  const [, url] = await waitFor(server.output, /is running at (http:\/\/127\.0\.0\.1:\d+)/);
  const login = await fetch(`${url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const token = await fetch(`${url}/api/v1/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ name: 'sensor' }),
  });
  const { secret } = (await token.json()) as { secret: string };
  return {
    ...server,
    url: url!,
    auth: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
  };
}

const report = (ref: string) =>
  JSON.stringify({
    channel: 'api',
    reporter: { kind: 'tool', name: 'sensor' },
    title: `Scan ${ref} from 203.0.113.9`,
    body: 'port scan',
    source: 'sensor',
    sourceRef: ref,
  });

describeEachDialect('report durability', (dialect) => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('keeps every report it acknowledged when killed with SIGKILL under load', async () => {
    const env: Record<string, string> = { FIREBREAK_JOBS: 'off' };
    const dataDir = mkdtempSync(path.join(tmpdir(), 'fb-durable-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    env.FIREBREAK_DATA_DIR = dataDir;
    if (dialect === 'postgres') {
      const db = await createTestDatabase('postgres', { migrate: false });
      cleanups.push(() => db.drop());
      env.FIREBREAK_DATABASE_URL = db.databaseUrl!;
    }
    const first = await start(env);
    cleanups.push(() => void first.child.kill('SIGKILL'));

    // Eight senders keep posting until the server dies; only 201s count as acknowledged.
    const acknowledged: string[] = [];
    let next = 0;
    const sender = async () => {
      for (;;) {
        const ref = `event-${next++}`;
        try {
          const res = await fetch(`${first.url}/api/v1/reports`, {
            method: 'POST',
            headers: first.auth,
            body: report(ref),
          });
          if (res.status === 201) acknowledged.push(ref);
        } catch {
          return; // the connection died with the server
        }
      }
    };
    const senders = Array.from({ length: 8 }, sender);
    while (acknowledged.length < 150) await new Promise((r) => setTimeout(r, 20));
    first.child.kill('SIGKILL');
    await Promise.all(senders);
    expect(acknowledged.length).toBeGreaterThanOrEqual(150);

    // Sending an acknowledged report again must find it: 200 (a repeat), never 201 (new).
    const second = await start(env);
    cleanups.push(() => void second.child.kill('SIGTERM'));
    const lost: string[] = [];
    for (const ref of acknowledged) {
      const res = await fetch(`${second.url}/api/v1/reports`, {
        method: 'POST',
        headers: second.auth,
        body: report(ref),
      });
      if (res.status !== 200) lost.push(`${ref}: ${res.status}`);
    }
    expect(lost).toEqual([]);
  }, 120_000);
});
