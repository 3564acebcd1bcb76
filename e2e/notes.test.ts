import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  launchBrowser,
  signedInPage,
  signInApi,
  startFirebreak,
  type ApiCall,
  type RunningFirebreak,
} from './harness.ts';

const COLLEAGUE = { email: 'cy.handler@example.test', password: 'another-long-password' };

const HOSTILE = [
  'Kit found on **the mail gateway**.',
  '',
  '<script>window.__pwned = 1</script>',
  '',
  'Look: <img src="x" onerror="window.__pwned = 2"> and [click me](javascript:window.__pwned=3)',
].join('\n');

describe('notes in a real browser', () => {
  let server: RunningFirebreak;
  let browser: Browser;
  let api: ApiCall;
  beforeAll(async () => {
    server = await startFirebreak();
    browser = await launchBrowser();
    api = await signInApi(server.url, ADMIN.email, ADMIN.password);
    const colleague = await api('POST', '/api/v1/users', {
      email: COLLEAGUE.email,
      name: 'Cy Handler',
      role: 'handler',
      password: COLLEAGUE.password,
    });
    expect(colleague.status).toBe(201);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('writes a note that renders inert, and refuses a second editor’s stale save', async () => {
    const opened = await api('POST', '/api/v1/incidents', { title: 'Phishing kit on the mail gateway' });
    const { key } = (await opened.json()) as { key: string };
    const mine = await signedInPage(browser, server.url, `/incidents/${key}?tab=notes`);
    await mine.getByText('No notes yet').waitFor();

    await mine.keyboard.press('n');
    const composer = mine.getByLabel('New note');
    await composer.getByLabel('Note (Markdown)').fill(HOSTILE);
    await composer.getByRole('tab', { name: 'Preview' }).click();
    await composer.locator('strong', { hasText: 'the mail gateway' }).waitFor();
    await composer.getByRole('button', { name: 'Add note' }).click();

    const card = mine.getByLabel(`Note by ${ADMIN.email}`);
    await card.locator('strong', { hasText: 'the mail gateway' }).waitFor();
    // Rendered, but nothing in it runs: the script and the handler are text, the link has no target.
    await card.getByText('<script>window.__pwned = 1</script>').waitFor();
    expect(await card.locator('script, img, iframe').count()).toBe(0);
    expect(await card.getByRole('link', { name: 'click me' }).count()).toBe(0);
    await card.getByText('click me').click();
    expect(await mine.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();

    const theirs = await signedInPage(browser, server.url, `/incidents/${key}?tab=notes`, COLLEAGUE);
    const theirCard = theirs.getByLabel(`Note by ${ADMIN.email}`);
    await theirCard.locator('strong', { hasText: 'the mail gateway' }).waitFor();

    await card.getByRole('button', { name: 'Edit' }).click();
    await card.getByLabel('Note (Markdown)').fill('Mine: the kit was uploaded through the CMS');
    await theirCard.getByRole('button', { name: 'Edit' }).click();
    await theirCard.getByLabel('Note (Markdown)').fill('Theirs: the kit came in through FTP');
    await theirCard.getByRole('button', { name: 'Save note' }).click();
    await theirCard.getByLabel('Note (Markdown)').waitFor({ state: 'hidden' });
    await theirCard.getByText('Theirs: the kit came in through FTP').waitFor();

    await card.getByRole('button', { name: 'Save note' }).click();
    const notice = card.getByRole('alert').filter({ hasText: 'Someone else changed this note first' });
    await notice.waitFor();
    expect(await notice.textContent()).toContain(COLLEAGUE.email);
    expect(await notice.getByRole('table', { name: 'What changed meanwhile' }).textContent()).toContain(
      'Theirs: the kit came in through FTP',
    );
    expect(await card.getByLabel('Note (Markdown)').inputValue()).toBe(
      'Mine: the kit was uploaded through the CMS',
    );

    await notice.getByRole('button', { name: 'Reload and reapply mine' }).click();
    await card.getByLabel('Note (Markdown)').waitFor({ state: 'hidden' });
    await card.getByText('Mine: the kit was uploaded through the CMS').waitFor();
    // The colleague's tab follows live.
    await theirCard.getByText('Mine: the kit was uploaded through the CMS').waitFor();
    const notes = (await (await api('GET', `/api/v1/incidents/${key}/notes`)).json()) as {
      items: { body: string; version: number }[];
    };
    expect(notes.items).toMatchObject([{ body: 'Mine: the kit was uploaded through the CMS', version: 3 }]);

    // The analysis record: one affected asset, saved with its version.
    await mine.getByRole('button', { name: 'Add asset' }).click();
    await mine.getByLabel('Asset 1 name').fill('Mail gateway');
    await mine.getByLabel('Asset 1 identifier').fill('mx1.example.org');
    await mine.getByRole('button', { name: 'Save analysis' }).click();
    await mine.getByText(`Saved by ${ADMIN.email}`).waitFor();
    const analysis = (await (await api('GET', `/api/v1/incidents/${key}/analysis`)).json()) as object;
    expect(analysis).toMatchObject({
      version: 1,
      assets: [{ name: 'Mail gateway', identifier: 'mx1.example.org', state: 'affected' }],
    });
    await mine.context().close();
    await theirs.context().close();
  });
});
