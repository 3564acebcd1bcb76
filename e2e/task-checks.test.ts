import http from 'node:http';
import type { AddressInfo } from 'node:net';
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

describe('automatic checks on a task in a real browser', () => {
  let server: RunningFirebreak;
  let browser: Browser;
  let api: ApiCall;
  let site: http.Server;
  let siteUrl: string;
  const page = { status: 200 };
  beforeAll(async () => {
    // The "phishing site": a loopback server the test controls, reachable only because it is allowed.
    site = http.createServer((_req, res) => {
      res.statusCode = page.status;
      res.end(page.status === 200 ? 'Sign in to your bank' : 'Not found');
    });
    await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
    siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/bank/login`;
    server = await startFirebreak({ FIREBREAK_OUTBOUND_ALLOW: '127.0.0.1/32' });
    browser = await launchBrowser();
    api = await signInApi(server.url, ADMIN.email, ADMIN.password);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    site?.closeAllConnections();
    await new Promise((r) => site?.close(r));
  });

  it('arms a URL check on a performed action: still up → reopened; taken down → verified by technical check', async () => {
    const incident = await api('POST', '/api/v1/incidents', {
      title: 'Bank phishing page',
      severity: 'high',
    });
    const { key } = (await incident.json()) as { key: string };
    const created = await api('POST', `/api/v1/incidents/${key}/tasks`, {
      title: 'Hosting ISP removes the phishing page',
      step: 'performed_action',
      party: { kind: 'isp', name: 'Example Hosting' },
    });
    let task = (await created.json()) as { id: string; version: number };
    for (const to of ['in_progress', 'done']) {
      const res = await api('POST', `/api/v1/incidents/${key}/tasks/${task.id}/transition`, {
        version: task.version,
        to,
      });
      expect(res.status).toBe(200);
      task = (await res.json()) as typeof task;
    }

    const browserPage = await signedInPage(browser, server.url, `/incidents/${key}?tab=tasks`);
    const card = browserPage.getByRole('article', { name: 'Task Hosting ISP removes the phishing page' });
    await card.getByText('Performed', { exact: true }).waitFor();
    await card.getByRole('button', { name: 'Add check' }).click();
    const form = card.getByRole('form', { name: 'Add check' });
    await form.getByLabel(/^Target/).fill(siteUrl);
    await form.getByRole('button', { name: 'Arm check' }).click();
    await form.waitFor({ state: 'hidden' });
    const checks = card.getByLabel('Automatic checks');
    await checks.getByText('not run').waitFor();

    // The page still answers: the check fails and the action is reopened.
    await checks.getByRole('button', { name: 'Run now' }).click();
    await checks.getByText('The URL answers HTTP 200').waitFor();
    await card.getByText('In progress').waitFor();

    // The ISP acts; performed again, the check passes and verifies the task.
    page.status = 404;
    await card.getByRole('button', { name: 'Mark performed' }).click();
    await card.getByText('Performed', { exact: true }).waitFor();
    await checks.getByRole('button', { name: 'Run now' }).click();
    await checks.getByText('The URL answers HTTP 404').waitFor();
    await card.getByText(/^Verified by technical check/).waitFor();
    expect(await checks.getByText('pass', { exact: true }).count()).toBe(1);

    await browserPage.getByRole('tab', { name: 'Timeline' }).click();
    await browserPage.getByText(/^Check fail on "Hosting ISP removes the phishing page"/).waitFor();
    await browserPage.getByText(/^Check pass on "Hosting ISP removes the phishing page"/).waitFor();
  });
});
