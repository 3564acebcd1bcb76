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

describe('unified search in a real browser', () => {
  let server: RunningFirebreak;
  let browser: Browser;
  let api: ApiCall;
  beforeAll(async () => {
    server = await startFirebreak();
    browser = await launchBrowser();
    api = await signInApi(server.url, ADMIN.email, ADMIN.password);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('finds a word in a note of an archived incident from the global box and opens its notes tab', async () => {
    const { key } = (await (await api('POST', '/api/v1/incidents', { title: 'Old defacement' })).json()) as {
      key: string;
    };
    const note = await api('POST', `/api/v1/incidents/${key}/notes`, {
      body: 'The attacker left <b>gorgonzolite</b> in the web root.',
      tlp: null,
    });
    expect(note.status).toBe(201);
    const closed = await api('POST', `/api/v1/incidents/${key}/transition`, {
      version: 1,
      to: 'closed',
      closure: { outcome: 'resolved', summary: 'Restored', finalTypeId: 'malicious-code/infected-system' },
    });
    expect(closed.status).toBe(200);

    const page = await signedInPage(browser, server.url, '/queue');
    const box = page.getByLabel('Search everything');
    await page.getByText('Triage queue').waitFor();
    await page.keyboard.press('/');
    await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('gorgonzolite');
    await page.keyboard.press('Enter');

    const hit = page.getByTestId('search-hit');
    await hit.waitFor();
    expect(await hit.count()).toBe(1);
    await page.getByRole('region', { name: 'Notes' }).waitFor();
    expect(await hit.locator('mark').allTextContents()).toEqual(['gorgonzolite']);
    // The note's text is shown as text: its markup is not rendered.
    expect(await hit.locator('b').count()).toBe(0);
    await hit.getByText('Archived').waitFor();

    await hit.getByRole('link').click();
    await page.waitForURL(`**/incidents/${key}?tab=notes`);
  });

  it('pages a kind with "Show more" and narrows to the incidents of a handler', async () => {
    const { key } = (await (await api('POST', '/api/v1/incidents', { title: 'Noisy scanner' })).json()) as {
      key: string;
    };
    for (let i = 0; i < 25; i++)
      expect(
        (await api('POST', `/api/v1/incidents/${key}/notes`, { body: `mascarpite probe ${i}`, tlp: null }))
          .status,
      ).toBe(201);

    const page = await signedInPage(browser, server.url, '/search?q=mascarpite&kinds=note');
    const notes = page.getByRole('region', { name: 'Notes' });
    await notes.getByRole('heading', { name: 'Notes (20+)' }).waitFor();
    await notes.getByRole('button', { name: 'Show more notes' }).click();
    await notes.getByRole('heading', { name: 'Notes (25)' }).waitFor();
    expect(await notes.getByTestId('search-hit').count()).toBe(25);
    expect(await notes.getByRole('button', { name: 'Show more notes' }).count()).toBe(0);

    // Nobody is assigned yet: narrowing to the administrator's own incidents finds nothing.
    await page.getByRole('combobox', { name: 'Handler' }).click();
    await page.getByRole('option', { name: /^Me/ }).click();
    await page.getByText('Nothing found').waitFor();
    expect(page.url()).toContain('handler=');
  });
});
