import { readFileSync } from 'node:fs';
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

describe('quality dashboards in a real browser', () => {
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

  const open = async (title: string) => {
    // High severity, no constituency (weighed as medium criticality): P2.
    const res = await api('POST', '/api/v1/incidents', { title, severity: 'high' });
    expect(res.status).toBe(201);
    return (await res.json()) as { key: string; version: number };
  };

  it('shows open incidents at a glance, updates live and downloads a figure as CSV', async () => {
    const first = await open('Phishing wave');
    await open('Defaced web site');
    // Leaving triage is the first response: the acknowledgement time appears.
    const moved = await api('POST', `/api/v1/incidents/${first.key}/transition`, {
      version: first.version,
      to: 'response',
    });
    expect(moved.status).toBe(200);
    const page = await signedInPage(browser, server.url, '/dashboards');
    const openFigure = page.getByRole('region', { name: 'Open incidents' });
    await openFigure.getByText('2 open now, by priority and phase').waitFor();
    await page
      .getByText(/All incidents: median [\d.]+ h, 90th percentile [\d.]+ h \(1 incidents\)/)
      .waitFor();
    await page.getByRole('region', { name: 'SLA compliance' }).waitFor();

    await open('Ransomware on file server');
    await openFigure.getByText('3 open now, by priority and phase').waitFor();

    await page.getByText('90 days').click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download Open incidents as CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^firebreak-open-\d{4}-\d\d-\d\d-\d{4}-\d\d-\d\d\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv).toBe('priority,phase,count\r\nP2,triage,2\r\nP2,response,1\r\n');
  });
});
