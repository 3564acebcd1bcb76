import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signedInPage, startFirebreak, type RunningFirebreak } from './harness.ts';

describe('public report form in a real browser', () => {
  let server: RunningFirebreak;
  let browser: Browser;
  beforeAll(async () => {
    server = await startFirebreak({ FIREBREAK_REPORT_FORM: 'true' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a constituent reports with an attachment and gets a reference; the admin finds it with the file', async () => {
    const note = Buffer.from('YOUR FILES ARE ENCRYPTED. Pay 1 BTC to bc1qexample within 48 hours.\n');
    const page = await (await browser.newContext()).newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${server.url}/report`);
    await page.getByRole('heading', { name: 'Report a security incident' }).waitFor();
    await page.getByLabel(/^Your name/).fill('Jane Roe');
    await page.getByLabel(/^Your e-mail/).fill('jane@school.example');
    await page.getByLabel(/^Organisation/).fill('Example School');
    await page.getByLabel(/^Title/).fill('Ransom note on the library PCs');
    await page
      .getByLabel(/^What happened/)
      .fill('This morning every library PC showed a ransom note; files end in .locked.');
    await page.getByLabel('Also those who need it to help fix it').check();
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'ransom-note.txt', mimeType: 'text/plain', buffer: note });
    await page.getByRole('list', { name: 'Chosen files' }).getByText('ransom-note.txt').waitFor();
    await page.getByRole('button', { name: 'Send report' }).click();
    await page.getByRole('heading', { name: 'Thank you, your report was received' }).waitFor();
    const receipt = page.getByRole('status', { name: 'Your reference' });
    const reference = (await receipt.getByText(/^R-/).textContent())?.trim() ?? '';
    expect(reference).toMatch(/^R-[0-9A-Z]{5}-[0-9A-Z]{5}$/);

    const admin = await signedInPage(browser, server.url, '/reports');
    await admin.getByRole('heading', { name: 'Reports' }).waitFor();
    await admin.getByLabel('Search reports').fill(reference);
    await admin
      .getByRole('list', { name: 'Reports' })
      .getByRole('button', { name: /Ransom note on the library PCs/ })
      .click();
    await admin.getByRole('heading', { name: 'Ransom note on the library PCs' }).waitFor();
    await admin.getByText(reference, { exact: true }).waitFor();
    await admin.getByText(/From Jane Roe \(Example School\)/).waitFor();
    const [download] = await Promise.all([
      admin.waitForEvent('download'),
      admin.getByRole('link', { name: 'ransom-note.txt' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('ransom-note.txt');
    expect(readFileSync(await download.path()).equals(note)).toBe(true);
  });
});
