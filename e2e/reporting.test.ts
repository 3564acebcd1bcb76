import type { Browser } from 'playwright-core';
import { extractText, getDocumentProxy } from 'unpdf';
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

describe('incident and activity reports in a real browser', () => {
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

  it('downloads both incident reports as PDFs with the timeline and opens the HTML', async () => {
    const opened = await api('POST', '/api/v1/incidents', {
      title: 'Ransomware at the clinic',
      tlp: 'amber',
    });
    const { key } = (await opened.json()) as { key: string };
    const entry = await api('POST', `/api/v1/incidents/${key}/timeline`, {
      text: 'Backups restored on the file server',
    });
    expect(entry.status).toBe(201);
    const page = await signedInPage(browser, server.url, `/incidents/${key}`);

    for (const label of ['technical report', 'management report']) {
      await page.getByRole('button', { name: 'Incident reports' }).click();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('menuitem', { name: `Download ${label} (PDF)` }).click(),
      ]);
      const path = await download.path();
      const { readFile } = await import('node:fs/promises');
      const bytes = await readFile(path);
      const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true });
      expect(text).toContain('Backups restored on the file server');
      expect(text).toContain('TLP:AMBER');
    }

    await page.getByRole('button', { name: 'Incident reports' }).click();
    const [tab] = await Promise.all([
      page.context().waitForEvent('page'),
      page.getByRole('menuitem', { name: 'Open technical report (HTML)' }).click(),
    ]);
    await tab.getByRole('heading', { name: 'Technical incident report' }).waitFor();
    await tab.getByText('Backups restored on the file server').waitFor();
  });

  it('shows the activity figures for a chosen period', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const page = await signedInPage(browser, server.url, '/activity-report');
    await page.getByRole('heading', { name: 'Activity report' }).waitFor();
    await page.getByLabel('From', { exact: true }).fill(today);
    await page.getByLabel('To', { exact: true }).fill(today);
    // The incident the first test opened today, without a priority (no severity was assessed).
    await page.getByRole('group', { name: 'Incidents opened' }).getByText('1', { exact: true }).waitFor();
    const byPriority = page.getByRole('table', { name: 'By priority' });
    await byPriority.getByRole('row', { name: 'No priority 1 100.0 %' }).waitFor();
    const pdf = await page.getByRole('link', { name: 'Download PDF' }).getAttribute('href');
    expect(pdf).toBe(`/api/v1/reporting/activity.pdf?from=${today}&to=${today}`);
  });

  it('lets an admin change a report template, refusing an unknown variable', async () => {
    const page = await signedInPage(browser, server.url, '/admin/report-templates');
    await page.getByRole('tab', { name: 'Management report' }).click();
    const title = page.getByLabel('Title');
    await title.fill('Board summary {{incident.cost}}');
    await page.getByRole('button', { name: 'Save template' }).click();
    await page.getByText('unknown variable {{incident.cost}}').waitFor();
    await title.fill('Board summary for {{incident.key}}');
    await page.getByRole('button', { name: 'Save template' }).click();
    await page.getByText('Version 2, changed by admin@example.test').waitFor();
    const list = await api('GET', '/api/v1/reporting/templates');
    const items = ((await list.json()) as { items: { kind: string; title: string }[] }).items;
    expect(items.find((t) => t.kind === 'management')?.title).toBe('Board summary for {{incident.key}}');
  });
});
