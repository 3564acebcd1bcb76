import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, launchBrowser, startFirebreak, type RunningFirebreak } from './harness.ts';

describe('reports inbox in a real browser', () => {
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

  it('registers a phoned-in report, shows its observables defanged and its constituency, and discards it', async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${server.url}/reports`);
    await page.getByLabel('E-mail').fill(ADMIN.email);
    await page.getByLabel(/^Password/).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Reports' }).waitFor();
    // A constituency for the matcher, through the API with the page's own session.
    const created = await page.evaluate(async () => {
      const me = (await (await fetch('/api/v1/me')).json()) as { csrfToken: string };
      const res = await fetch('/api/v1/constituencies', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({
          name: 'City Hospital',
          criticality: 'critical',
          assets: [{ kind: 'cidr', value: '198.51.100.0/24' }],
        }),
      });
      return res.status;
    });
    expect(created).toBe(201);

    await page.getByRole('button', { name: 'Register report' }).click();
    const dialog = page.getByRole('dialog', { name: 'Register report' });
    await dialog.getByLabel(/^Title/).fill('Phishing page on hospital server');
    await dialog.getByLabel(/^Reporter( \*)?$/).fill('Anna from the helpdesk');
    await dialog
      .getByRole('textbox', { name: /^Report( \*)?$/ })
      .fill('Users get mails linking to hxxps://login-hospital[.]example[.]org/owa hosted on 198.51.100.23');
    await dialog.getByRole('button', { name: 'Register' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await page.getByRole('heading', { name: 'Phishing page on hospital server' }).waitFor();
    await page.getByText('City Hospital', { exact: true }).first().waitFor();
    await page.getByText('hxxps://login-hospital[.]example[.]org/owa', { exact: true }).waitFor();
    await page.getByText('198[.]51[.]100[.]23').waitFor();
    expect(await page.locator('a[href*="login-hospital"]').count()).toBe(0);

    await page.getByLabel('Discard as').first().click();
    await page.getByRole('option', { name: 'False positive' }).click();
    await page.getByRole('button', { name: 'Discard' }).click();
    await page.getByText('Discarded as').waitFor();
  });
});
