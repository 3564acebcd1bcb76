import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, launchBrowser, startFirebreak, type RunningFirebreak } from './harness.ts';

describe('constituency administration in a real browser', () => {
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

  async function signedIn(path: string): Promise<Page> {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}${path}`);
    await page.getByLabel('E-mail').fill(ADMIN.email);
    await page.getByLabel(/^Password/).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    return page;
  }

  it('creates a constituency from pasted assets, then stops a second editor from overwriting the first', async () => {
    const page = await signedIn('/admin/constituencies');
    await page.getByRole('button', { name: 'New constituency' }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByLabel(/^Name/).fill('City Hospital');
    await drawer.getByLabel(/^Assets/).fill('198.51.100.0/24\nhospital.example\nAS64500\n10.0.0.0/33');
    await drawer.getByRole('button', { name: 'Create constituency' }).click();
    // The malformed netblock is named; everything typed stays.
    await drawer.getByText('10.0.0.0/33: must be an IPv4 or IPv6 address or netblock').waitFor();
    const assets = drawer.getByLabel(/^Assets/);
    await assets.fill((await assets.inputValue()).replace('\n10.0.0.0/33', ''));
    await drawer.getByRole('button', { name: 'Create constituency' }).click();
    await page.getByRole('cell', { name: 'City Hospital' }).click();
    expect(page.url()).toContain('edit=');

    // A colleague opens the same constituency (the URL is shareable) and saves first.
    const colleague = await signedIn(new URL(page.url()).pathname + new URL(page.url()).search);
    const theirs = colleague.getByRole('dialog');
    await theirs.getByLabel(/^Description/).fill('Changed by a colleague');
    await theirs.getByRole('button', { name: 'Save changes' }).click();
    await theirs.waitFor({ state: 'hidden' });

    const mine = page.getByRole('dialog');
    await mine.getByLabel(/^Description/).fill('My careful edit');
    await mine.getByRole('button', { name: 'Save changes' }).click();
    await mine.getByText('Someone else changed this constituency').waitFor();
    expect(await mine.getByLabel(/^Description/).inputValue()).toBe('My careful edit');
    await mine.getByRole('button', { name: 'Load their version' }).click();
    expect(await mine.getByLabel(/^Description/).inputValue()).toBe('Changed by a colleague');
  });
});
