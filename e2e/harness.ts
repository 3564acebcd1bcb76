import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

export const ADMIN = { email: 'admin@example.test', password: 'correct-horse-battery' };

export interface RunningFirebreak {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
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

const buildLock = path.join(tmpdir(), 'firebreak-e2e-web-build.lock');

/**
 * Builds web/dist if it is missing or older than the sources. Test files run in parallel workers, so
 * a lock keeps two of them from building into the same folder at once (one would empty it under the
 * other's server); whoever waited finds the build fresh and skips it.
 */
async function buildWebOnce(): Promise<void> {
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(buildLock);
      break;
    } catch {
      // A lock left by a crashed run is taken over after a while.
      const held = statSync(buildLock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > 180_000) rmSync(buildLock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`web build lock ${buildLock} held too long`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    const build = spawnSync('node', ['scripts/build-web.mjs'], { stdio: 'inherit' });
    if (build.status !== 0) throw new Error('web build failed');
  } finally {
    rmSync(buildLock, { recursive: true, force: true });
  }
}

/** Builds the web app if needed and starts `firebreak serve` on a fresh data folder, as a user would. */
export async function startFirebreak(env: Record<string, string> = {}): Promise<RunningFirebreak> {
  await buildWebOnce();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fb-e2e-'));
  const port = await freePort();
  const child: ChildProcess = spawn('node', ['bin/firebreak.js', 'serve'], {
    env: {
      ...process.env,
      FIREBREAK_PORT: String(port),
      FIREBREAK_DATA_DIR: dataDir,
      FIREBREAK_ADMIN_EMAIL: ADMIN.email,
      FIREBREAK_ADMIN_PASSWORD: ADMIN.password,
      FIREBREAK_LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`firebreak exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/api/v1/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error('firebreak did not start within 30 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    dataDir,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium, headless, with the flags that work as root on a closed network (a fresh profile each launch). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A fresh browser context (its own session), signed in through the login page and sent on to `path`. */
export async function signedInPage(
  browser: Browser,
  url: string,
  path: string,
  user: { email: string; password: string } = ADMIN,
): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  page.setDefaultTimeout(10_000);
  await page.goto(`${url}${path}`);
  await page.getByLabel('E-mail').fill(user.email);
  await page.getByLabel(/^Password/).fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  return page;
}

/** Chooses `option` in the select or multi-select labelled `label` within `scope`, typing `typed` first. */
export async function chooseOption(
  page: Page,
  scope: Locator,
  label: RegExp,
  option: string,
  typed?: string,
) {
  const field = scope.getByLabel(label);
  await field.click();
  if (typed) await field.fill(typed);
  // The options list is a portal outside the dialog, hence `page`.
  await page.getByRole('option', { name: option, exact: true }).click();
}

export type ApiCall = (method: string, path: string, body?: unknown) => Promise<Response>;

/** Signs in over the API (cookie and CSRF token, as the browser would) to set up data for a test. */
export async function signInApi(url: string, email: string, password: string): Promise<ApiCall> {
  const res = await fetch(`${url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`sign-in as ${email} failed: ${res.status} ${await res.text()}`);
  const { csrfToken } = (await res.json()) as { csrfToken: string | null };
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return (method, path, body) =>
    fetch(`${url}${path}`, {
      method,
      headers: {
        cookie,
        ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
}

export interface TestUser {
  email: string;
  name: string;
  password: string;
  role: 'admin' | 'lead' | 'handler' | 'viewer';
}

/** Creates a user through the API, as an admin would, for a test to sign in as. */
export async function createUser(api: ApiCall, user: TestUser): Promise<void> {
  const res = await api('POST', '/api/v1/users', user);
  if (res.status !== 201) throw new Error(`creating ${user.email} failed: ${res.status} ${await res.text()}`);
}
