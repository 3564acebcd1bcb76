import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, launchBrowser, signInApi, startFirebreak, type RunningFirebreak } from './harness.ts';

describe('admin journey in a real browser', () => {
  let server: RunningFirebreak;
  let browser: Browser;
  beforeAll(async () => {
    server = await startFirebreak();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function signIn(page: Page, path: string, email = ADMIN.email, password = ADMIN.password) {
    await page.goto(`${server.url}${path}`);
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel(/^Password/).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  it('shows a clear error for a wrong password and keeps the e-mail', async () => {
    const page = await browser.newPage();
    await signIn(page, '/admin/users', ADMIN.email, 'not-the-password');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('E-mail or password is wrong');
    expect(await page.getByLabel('E-mail').inputValue()).toBe(ADMIN.email);
    await page.close();
  });

  it('signs in, creates a user, and finds the change in the audit log', async () => {
    const page = await browser.newPage();
    await signIn(page, '/admin/users');
    await page.getByRole('heading', { name: 'Users' }).waitFor();
    expect(page.url()).toContain('/admin/users');

    await page.getByRole('button', { name: 'New user' }).click();
    const dialog = page.getByRole('dialog', { name: 'New user' });
    await dialog.getByLabel('E-mail').fill('ana.analyst@example.test');
    await dialog.getByLabel('Name').fill('Ana Analyst');
    await dialog.getByLabel(/^Initial password/).fill('short');
    await dialog.getByRole('button', { name: 'Create user' }).click();
    // The server's field error appears beside the field and nothing typed is lost.
    await dialog.getByText('must be at least 12 characters').waitFor();
    expect(await dialog.getByLabel('E-mail').inputValue()).toBe('ana.analyst@example.test');
    expect(await dialog.getByLabel('Name').inputValue()).toBe('Ana Analyst');
    await dialog.getByLabel(/^Initial password/).fill('a-long-enough-password');
    await dialog.getByRole('button', { name: 'Create user' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('cell', { name: 'ana.analyst@example.test', exact: true }).waitFor();

    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { name: 'Audit log' }).waitFor();
    const row = page
      .getByRole('row')
      .filter({ hasText: 'user.created' })
      .filter({ hasText: 'ana.analyst@example.test' });
    await row.waitFor();
    expect(await row.textContent()).toContain(ADMIN.email);

    // Filters are part of the URL, so the filtered list survives a reload.
    await page.getByRole('main').getByRole('textbox', { name: 'Search' }).fill('ana.analyst');
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('ana.analyst');
    await page.reload();
    await row.waitFor();
    expect(await page.getByRole('row').filter({ hasText: 'session.created' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Verify chain' }).click();
    await page.getByText('Chain intact').waitFor();
    await page.close();
  });

  it('switches between light and dark themes and keeps the choice', async () => {
    const page = await browser.newPage();
    await signIn(page, '/queue');
    await page.getByRole('button', { name: 'User menu' }).click();
    const scheme = () => page.locator('html').getAttribute('data-mantine-color-scheme');
    const before = await scheme();
    await page.getByRole('menuitem', { name: /theme/ }).click();
    await expect.poll(scheme).not.toBe(before);
    const chosen = await scheme();
    await page.reload();
    await page.getByRole('heading', { name: 'Triage queue' }).waitFor();
    expect(await scheme()).toBe(chosen);
    await page.close();
  });

  it('shows the live connection as live, and / jumps to search', async () => {
    const page = await browser.newPage();
    await signIn(page, '/queue');
    await page.getByRole('status').getByText('Live', { exact: true }).waitFor();
    await page.keyboard.press('/');
    const search = page.getByRole('textbox', { name: 'Search everything' });
    await expect.poll(() => search.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await search.inputValue()).toBe('');
    await page.close();
  });

  it('keeps the admin area from other roles', async () => {
    const admin = await signInApi(server.url, ADMIN.email, ADMIN.password);
    const created = await admin('POST', '/api/v1/users', {
      email: 'hal.handler@example.test',
      name: 'Hal Handler',
      role: 'handler',
      password: 'handler-password-1',
    });
    expect(created.status).toBe(201);

    const page = await browser.newPage();
    await signIn(page, '/queue', 'hal.handler@example.test', 'handler-password-1');
    await page.getByRole('heading', { name: 'Triage queue' }).waitFor();
    expect(await page.getByRole('link', { name: 'Users' }).count()).toBe(0);
    await page.goto(`${server.url}/admin/users`);
    await page.getByText('Administrators only').waitFor();
    await page.close();
  });
});
