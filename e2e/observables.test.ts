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

const IP = '203.0.113.66';

describe('observables in a real browser', () => {
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

  const json = async <T>(res: Promise<Response>, status: number): Promise<T> => {
    const r = await res;
    expect(r.status, await r.clone().text()).toBe(status);
    return (await r.json()) as T;
  };
  const report = (body: string) =>
    json<{ id: string }>(
      api('POST', '/api/v1/reports', {
        channel: 'email',
        reporter: { kind: 'person', name: 'Ana' },
        title: body.slice(0, 40),
        body,
      }),
      201,
    );

  it('pastes text, extracts observables, and shows their sightings and blocklist hits in enrichment', async () => {
    const first = await report(`Brute force from ${IP}`);
    const earlier = await json<{ key: string }>(
      api('POST', '/api/v1/incidents', { title: 'Earlier brute force', reportIds: [first.id] }),
      201,
    );
    await report(`SSH scan from ${IP}`);
    await report(`Another scan from ${IP}`);
    const { key } = await json<{ key: string }>(api('POST', '/api/v1/incidents', { title: 'New scan' }), 201);

    // The admin keeps a local list of scanner netblocks.
    const page = await signedInPage(browser, server.url, '/admin/blocklists');
    await page.getByRole('button', { name: 'New blocklist' }).click();
    const editor = page.getByRole('dialog', { name: 'New blocklist' });
    await editor.getByLabel('Name').fill('Scanners');
    await editor.getByLabel('Entries').fill('# seen scanning us\n203.0.113.0/24\nscanner.bad.example');
    await editor.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('table', { name: 'Blocklists' }).getByText('Scanners').waitFor();

    await page.goto(`${server.url}/incidents/${key}?tab=observables`);
    await page.getByText('No observables yet').waitFor();
    await page.getByRole('button', { name: 'Paste text' }).click();
    const dialog = page.getByRole('dialog', { name: 'Paste text and extract observables' });
    await dialog
      .getByLabel('Text')
      .fill(`Attacker ${IP.replace(/\./g, '[.]')} also used hxxp://login[.]bad[.]example/`);
    await dialog.getByRole('button', { name: 'Preview' }).click();
    await dialog.getByText('3 observables found; 3 selected.').waitFor();
    await dialog.getByRole('button', { name: 'Add 3 observables' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const row = page.locator(`tr[data-observable="${IP}"]`);
    // Shown defanged, never as a live indicator.
    await row.getByText('203[.]0[.]113[.]66').waitFor();
    await row.getByText(`seen in ${earlier.key} and 3 reports`).waitFor();
    await row.getByText('Not enriched yet').waitFor();

    await page.getByRole('button', { name: 'Enrich all' }).click();
    const correlation = row.locator('[data-analyzer="correlation"]');
    await correlation.getByText(`seen in ${earlier.key} and 3 reports`).waitFor();
    await correlation.getByText('correlation: suspicious').waitFor();
    await row
      .locator('[data-analyzer="blocklist"]')
      .getByText('Listed on Scanners (as 203.0.113.0/24)')
      .waitFor();
    // Each result carries the time it was made.
    expect(await correlation.locator('time').count()).toBe(1);
    const other = page.locator('tr[data-observable="login.bad.example"]');
    await other.getByText('not seen elsewhere').first().waitFor();

    // Tags and TLP change afterwards; the row shows them.
    await row.getByRole('button', { name: 'Edit 203[.]0[.]113[.]66' }).click();
    const edit = page.getByRole('dialog', { name: /^Edit ipv4/ });
    await edit.getByLabel('Tags').fill('scanner');
    await edit.getByLabel('Tags').press('Enter');
    await edit.getByRole('button', { name: 'Save' }).click();
    await edit.waitFor({ state: 'hidden' });
    await row.getByText('scanner', { exact: true }).waitFor();
  });
});
