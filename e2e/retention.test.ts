import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
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

describe('retention in a real browser', () => {
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

  async function closedIncident(title: string): Promise<string> {
    const opened = (await (await api('POST', '/api/v1/incidents', { title })).json()) as {
      key: string;
      version: number;
    };
    const closed = await api('POST', `/api/v1/incidents/${opened.key}/transition`, {
      version: opened.version,
      to: 'closed',
      closure: { outcome: 'resolved', summary: 'Done', finalTypeId: 'fraud/phishing' },
    });
    expect(closed.status).toBe(200);
    return opened.key;
  }

  it('policy, legal hold, preview, run now: one destroyed to a tombstone, the held one skipped', async () => {
    const doomed = await closedIncident('Phishing of the payroll office');
    const held = await closedIncident('Phishing under investigation');
    // Two years pass: closure dates moved back in the server's own database.
    const db = new SqliteDatabase(path.join(server.dataDir, 'firebreak.sqlite'));
    db.prepare("update incidents set closed_at = '2024-01-15T10:00:00.000Z'").run();
    db.close();

    const page = await signedInPage(browser, server.url, '/admin/retention');
    await page.getByRole('button', { name: 'New policy' }).click();
    const editor = page.getByRole('dialog', { name: 'New retention policy' });
    await editor.getByLabel('Name').fill('Everything: one year');
    await editor.getByLabel(/^Destroy after/).fill('12');
    await editor.getByRole('button', { name: 'Add policy' }).click();
    await page.getByRole('table', { name: 'Retention policies' }).getByText('Everything: one year').waitFor();

    await page.goto(`${server.url}/incidents/${held}`);
    await page.getByRole('button', { name: 'More' }).click();
    await page.getByRole('menuitem', { name: 'Legal hold…' }).click();
    const hold = page.getByRole('dialog', { name: `Legal hold on ${held}` });
    await hold.getByLabel(/Why it is held/).fill('Court order 2026/17');
    await hold.getByRole('button', { name: 'Set legal hold' }).click();
    await page.getByText('Legal hold', { exact: true }).waitFor();

    await page.goto(`${server.url}/admin/retention`);
    const preview = page.getByRole('table', { name: 'Retention preview' });
    await preview.getByRole('row', { name: new RegExp(`${doomed}.*Destroy`) }).waitFor();
    await preview.getByRole('row', { name: new RegExp(`${held}.*Skipped: legal hold`) }).waitFor();
    await page.getByRole('button', { name: 'Run now' }).click();
    await page.getByRole('button', { name: 'Destroy 1 incident(s)' }).click();
    await page.getByText(`destroyed 1 (${doomed})`).waitFor();

    await page
      .getByRole('table', { name: 'Destroyed incidents' })
      .getByRole('link', { name: doomed })
      .click();
    await page
      .getByText(
        /destroyed and its encryption keys shredded under the retention policy “Everything: one year”/,
      )
      .waitFor();
    await page.getByRole('table', { name: 'Tombstone' }).getByText('fraud/phishing').waitFor();

    await page.goto(`${server.url}/incidents/${doomed}`);
    await page.getByText('Content destroyed').waitFor();
    await page.getByRole('link', { name: 'See its tombstone' }).waitFor();
    // The husk offers no action: reopening or editing it would only be refused.
    expect(await page.getByRole('button', { name: /Reopen|Classify|Close/ }).count()).toBe(0);
    const heldNow = (await (await api('GET', `/api/v1/incidents/${held}`)).json()) as { title: string };
    expect(heldNow.title).toBe('Phishing under investigation');
  });
});
