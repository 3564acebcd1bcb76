import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  chooseOption as pick,
  createUser,
  launchBrowser,
  signedInPage,
  signInApi,
  startFirebreak,
  type ApiCall,
  type RunningFirebreak,
  type TestUser,
} from './harness.ts';

const HANDLER: TestUser = {
  email: 'tomas.tasks@example.test',
  password: 'a-long-handler-password',
  name: 'Tomas Tasks',
  role: 'handler',
};
const LEAD: TestUser = {
  email: 'lena.lead@example.test',
  password: 'a-long-lead-password',
  name: 'Lena Lead',
  role: 'lead',
};

describe('resolution cycles, playbook tasks and approvals in a real browser', () => {
  let server: RunningFirebreak;
  let browser: Browser;
  let api: ApiCall;
  let site: http.Server;
  let siteUrl: string;
  beforeAll(async () => {
    // The phishing page after the ISP's action: gone. Reachable only because loopback is allowed.
    site = http.createServer((_req, res) => {
      res.statusCode = 404;
      res.end('Not found');
    });
    await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
    siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/bank/login`;
    server = await startFirebreak({ FIREBREAK_OUTBOUND_ALLOW: '127.0.0.1/32' });
    browser = await launchBrowser();
    api = await signInApi(server.url, ADMIN.email, ADMIN.password);
    await createUser(api, HANDLER);
    await createUser(api, LEAD);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    site?.closeAllConnections();
    await new Promise((r) => site?.close(r));
  });

  const task = (page: Page, title: string) => page.getByRole('article', { name: `Task ${title}` });

  it('classify as phishing → playbook tasks → ISP action approved by a lead → performed → automatic check passes → verified → cycle 2', async () => {
    const res = await api('POST', '/api/v1/incidents', {
      title: 'Bank phishing kit on shared hosting',
      severity: 'high',
    });
    expect(res.status).toBe(201);
    const { key } = (await res.json()) as { key: string };

    const page = await signedInPage(browser, server.url, `/incidents/${key}`, HANDLER);
    await page.getByRole('heading', { name: 'Bank phishing kit on shared hosting' }).waitFor();
    await page.getByRole('button', { name: 'Classify' }).click();
    const classify = page.getByRole('dialog', { name: `Classify ${key}` });
    await classify.getByLabel(/^Type/).fill('phish');
    await page.getByRole('option', { name: 'Phishing', exact: true }).click();
    await classify.getByRole('button', { name: 'Save classification' }).click();
    await classify.waitFor({ state: 'hidden' });

    // The phishing playbook's checklist is now the first cycle's tasks.
    await page.getByRole('tab', { name: 'Tasks' }).click();
    const cycle1 = page.getByRole('region', { name: 'Cycle 1' });
    await task(page, 'Ask the hosting ISP to take the phishing site down').waitFor();
    expect(await cycle1.getByRole('article').count()).toBe(8);

    // Propose an action for the ISP that needs approval.
    await page.keyboard.press('n');
    const form = page.getByRole('dialog', { name: 'New task' });
    const title = 'Take the phishing page down at Example ISP';
    await form.getByLabel(/^Task/).fill(title);
    await pick(page, form, /^Party$/, 'ISP');
    await form.getByLabel(/^Party name/).fill('Example ISP');
    await form.getByLabel('Requires approval before it is performed').check();
    await form.getByRole('button', { name: 'Add task' }).click();
    await form.waitFor({ state: 'hidden' });
    const action = task(page, title);
    await action.getByText('approval pending').waitFor();
    // The ISP named its abuse desk: the task is edited in place.
    await action.getByRole('button', { name: 'Edit…' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit task' });
    await edit.getByLabel(/^Party name/).fill('Example ISP abuse desk');
    await edit.getByRole('button', { name: 'Save task' }).click();
    await edit.waitFor({ state: 'hidden' });
    await action.getByText(/ISP: Example ISP abuse desk/).waitFor();
    // A handler is not offered the approval; the action cannot be performed yet.
    expect(await action.getByRole('button', { name: 'Approve…' }).count()).toBe(0);
    await action.getByRole('button', { name: 'Start' }).click();
    await action.getByText('In progress').waitFor();
    expect(await action.getByRole('button', { name: 'Mark performed' }).isDisabled()).toBe(true);

    // The lead, in another browser, approves with a reason; the handler's page updates live.
    const lead = await signedInPage(browser, server.url, `/incidents/${key}?tab=tasks`, LEAD);
    await task(lead, title).getByRole('button', { name: 'Approve…' }).click();
    const approve = lead.getByRole('dialog', { name: 'Approve task' });
    await approve.getByLabel(/^Reason/).fill('Owner agreed; the host only serves the kit');
    await approve.getByRole('button', { name: 'Approve' }).click();
    await approve.waitFor({ state: 'hidden' });
    await action.getByText('approved', { exact: true }).waitFor();
    await action.getByText(`Approved by ${LEAD.email}: Owner agreed; the host only serves the kit`).waitFor();

    await action.getByRole('button', { name: 'Mark performed' }).click();
    await action.getByText('Performed', { exact: true }).waitFor();
    // An automatic check watches the phishing page (a loopback server here); it is gone, so the check passes.
    await action.getByRole('button', { name: 'Add check' }).click();
    const check = action.getByRole('form', { name: 'Add check' });
    await check.getByLabel(/^Target/).fill(siteUrl);
    await check.getByRole('button', { name: 'Arm check' }).click();
    await check.waitFor({ state: 'hidden' });
    await action.getByLabel('Automatic checks').getByRole('button', { name: 'Run now' }).click();
    await action.getByText(/^Verified by technical check/).waitFor();

    // Taking a task makes it mine; "m" shows only my open tasks.
    const collect = task(page, 'Collect the phishing e-mails, headers and landing URLs');
    await collect.getByRole('button', { name: 'Take' }).click();
    await collect.getByText(/owner Tomas Tasks/).waitFor();
    await page.keyboard.press('m');
    await expect.poll(() => page.getByRole('article').count()).toBe(1);
    await page.keyboard.press('m');
    await expect.poll(() => page.getByRole('article').count()).toBe(9);

    // "Waiting for a party" lists the open tasks for parties outside the team only.
    // Of the playbook's items, four are for the organisation or the ISP; the verified action is not open.
    await page.keyboard.press('w');
    await expect.poll(() => page.getByRole('article').count()).toBe(4);
    expect(await task(page, 'Ask the hosting ISP to take the phishing site down').count()).toBe(1);
    expect(await task(page, title).count()).toBe(0);
    await page.keyboard.press('w');
    await expect.poll(() => page.getByRole('article').count()).toBe(9);

    // A second cycle carries the eight open playbook tasks over; the verified action stays in cycle 1.
    await page.getByRole('button', { name: 'Start new cycle' }).click();
    const confirm = page.getByRole('dialog', { name: 'Start cycle 2' });
    await confirm.getByText('The 8 open tasks of cycle 1 will be carried over.').waitFor();
    await confirm.getByRole('button', { name: 'Start cycle' }).click();
    await confirm.waitFor({ state: 'hidden' });
    const cycle2 = page.getByRole('region', { name: 'Cycle 2' });
    await cycle2.getByRole('heading', { name: 'Cycle 2 (current)' }).waitFor();
    await cycle2.getByRole('article').nth(7).waitFor();
    expect(await cycle2.getByRole('article').count()).toBe(8);
    expect(await cycle2.getByText('carried from cycle 1').count()).toBe(8);
    expect(await page.getByRole('region', { name: 'Cycle 1' }).getByRole('article').count()).toBe(1);
    await task(page, title).getByText('Verified', { exact: true }).waitFor();

    await page.getByRole('tab', { name: 'Timeline' }).click();
    await page.getByText(/Resolution cycle 2 started; carried over:/).waitFor();
    await page.getByText(`Task approved: ${title}: Owner agreed; the host only serves the kit`).waitFor();
  });

  it('lets an admin extend a playbook, and the next classification brings the new item', async () => {
    const page = await signedInPage(browser, server.url, '/admin/playbooks');
    await page.getByRole('heading', { name: 'Playbooks' }).waitFor();
    const ddos = page.getByRole('article', { name: 'Playbook DDoS' });
    await ddos.getByRole('button', { name: 'Edit' }).click();
    const editor = page.getByRole('dialog', { name: 'Edit DDoS' });
    await editor.getByRole('button', { name: 'Add item' }).click();
    await editor
      .getByRole('textbox', { name: /^Item 8/ })
      .fill("Ask the upstream provider's NOC for a traffic report");
    await editor.getByRole('button', { name: 'Save playbook' }).click();
    await editor.waitFor({ state: 'hidden' });
    await ddos.getByText("Ask the upstream provider's NOC for a traffic report").waitFor();

    const res = await api('POST', '/api/v1/incidents', { title: 'Portal flooded', severity: 'medium' });
    const incident = (await res.json()) as { key: string; version: number };
    const classified = await api('POST', `/api/v1/incidents/${incident.key}/classification`, {
      version: incident.version,
      stage: 'initial',
      typeId: 'availability/ddos',
    });
    expect(classified.status).toBe(200);
    await page.goto(`${server.url}/incidents/${incident.key}?tab=tasks`);
    await task(page, "Ask the upstream provider's NOC for a traffic report").waitFor();
    expect(await page.getByRole('article').count()).toBe(8);
  });
});
