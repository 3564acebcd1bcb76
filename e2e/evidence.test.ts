import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  launchBrowser,
  signedInPage,
  signInApi,
  startFirebreak,
  type RunningFirebreak,
} from './harness.ts';

describe('evidence locker in a real browser', () => {
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

  it('uploads a capture with its acquisition record, shows its hashes, downloads it and logs the custody', async () => {
    const api = await signInApi(server.url, ADMIN.email, ADMIN.password);
    const res = await api('POST', '/api/v1/incidents', { title: 'Compromised web server', severity: 'high' });
    const { key } = (await res.json()) as { key: string };
    const capture = Buffer.concat([Buffer.from('LiME memory image\n'), randomBytes(150_000)]);
    const sha256 = createHash('sha256').update(capture).digest('hex');

    const page = await signedInPage(browser, server.url, `/incidents/${key}?tab=evidence`);
    await page.getByRole('button', { name: 'Add evidence' }).click();
    const form = page.getByRole('form', { name: 'Add evidence' });
    await form.locator('input[type=file]').setInputFiles({
      name: 'web-03.lime',
      mimeType: 'application/octet-stream',
      buffer: capture,
    });
    await form.getByLabel(/^From/).fill('web-03 (198.51.100.23)');
    await form.getByLabel(/^Method/).fill('Volatile memory capture before power-off');
    await form.getByLabel(/^Tool(?! version)/).fill('LiME');
    await form.getByLabel('Tool version').fill('1.9.1');
    await form.getByRole('button', { name: 'Upload' }).click();

    const card = page.locator('[data-evidence-id]').filter({ hasText: 'web-03.lime' });
    await expect.poll(() => card.getByLabel('SHA-256', { exact: true }).textContent()).toBe(sha256);
    await expect.poll(() => card.textContent()).toContain('Volatile memory capture before power-off');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      card.getByRole('link', { name: 'Download' }).click(),
    ]);
    const downloaded = readFileSync(await download.path());
    expect(createHash('sha256').update(downloaded).digest('hex')).toBe(sha256);

    await card.getByRole('button', { name: 'Chain of custody' }).click();
    const log = card.getByRole('table', { name: 'Custody log' });
    await expect
      .poll(() =>
        log.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action'))),
      )
      .toEqual(['acquired', 'accessed']);
    await card.getByRole('button', { name: 'Verify' }).click();
    await expect.poll(() => card.getByText('The chain of custody is intact').count()).toBe(1);
  });
});
