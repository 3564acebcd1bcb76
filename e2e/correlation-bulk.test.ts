import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  chooseOption,
  launchBrowser,
  signedInPage,
  signInApi,
  startFirebreak,
  type ApiCall,
  type RunningFirebreak,
} from './harness.ts';

const RULE = 'Same ISP and IP within a day';

describe('correlation rules and bulk triage in a real browser', () => {
  let server: RunningFirebreak;
  let browser: Browser;
  let api: ApiCall;
  beforeAll(async () => {
    // A quick job poll: the auto-link job runs right after the report is committed.
    server = await startFirebreak({ FIREBREAK_JOB_POLL_MS: '100' });
    browser = await launchBrowser();
    api = await signInApi(server.url, ADMIN.email, ADMIN.password);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function call<T>(method: string, path: string, body?: unknown, status = 201): Promise<T> {
    const res = await api(method, path, body);
    expect(res.status, await res.clone().text()).toBe(status);
    return (await res.json()) as T;
  }
  const report = (title: string, body = title) =>
    call<{ id: string }>('POST', '/api/v1/reports', {
      channel: 'email',
      reporter: { kind: 'organisation', name: 'AbuseHub' },
      title,
      body,
    });

  it('an admin’s rule links a repeated report by itself; several reports are discarded at once', async () => {
    await call('POST', '/api/v1/constituencies', {
      name: 'Example ISP',
      criticality: 'high',
      assets: [{ kind: 'cidr', value: '172.16.0.0/12' }],
    });

    // The admin creates the rule in Admin › Intake; the defaults are the example.
    const page = await signedInPage(browser, server.url, '/admin/intake');
    await page.getByRole('button', { name: 'New correlation rule' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New correlation rule' });
    await dialog.getByLabel(/^Name/).fill(RULE);
    await dialog.getByLabel(/^Window \(hours\)/).fill('24');
    await dialog.getByRole('button', { name: 'Create rule' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const rules = page.getByRole('table', { name: 'Correlation rules' });
    await rules.getByRole('cell', { name: RULE, exact: true }).waitFor();
    expect(await rules.getByRole('switch', { name: `Enable ${RULE}` }).isChecked()).toBe(true);

    // Two reports about one drone: an incident is opened from the first, the second joins it.
    const first = await report('Botnet drone 172.16.10.13', 'Shadowserver: drone at 172.16.10.13');
    const incident = await call<{ key: string }>('POST', '/api/v1/incidents', {
      title: 'Drone in Example ISP',
      reportIds: [first.id],
    });
    const second = await report('Drone 172.16.10.13 again', 'Still calling out: 172.16.10.13');
    let linked: { status: string; incidentKey: string | null } = { status: 'new', incidentKey: null };
    for (let i = 0; i < 100 && linked.status !== 'linked'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      linked = await call('GET', `/api/v1/reports/${second.id}`, undefined, 200);
    }
    expect(linked).toMatchObject({ status: 'linked', incidentKey: incident.key });
    const timeline = await call<{ items: { text: string; actor: string }[] }>(
      'GET',
      `/api/v1/incidents/${incident.key}/timeline`,
      undefined,
      200,
    );
    expect(timeline.items).toContainEqual(
      expect.objectContaining({
        actor: 'system:correlation',
        text: `Report linked: Drone 172.16.10.13 again (auto-linked by correlation rule “${RULE}”)`,
      }),
    );

    // Noise in the inbox: three are picked (by mouse and by keyboard) and discarded with one reason.
    const noise = ['Newsletter bounce', 'Out of office reply', 'Test message from the helpdesk'];
    for (const title of noise) await report(title);
    await report('A real one to keep');
    await page.goto(`${server.url}/reports`);
    const list = page.getByRole('list', { name: 'Reports' });
    await list.getByText(noise[2]!).waitFor();
    await expect(list.getByText('Drone 172.16.10.13 again').count()).resolves.toBe(0);
    await page.getByRole('checkbox', { name: `Select ${noise[0]}` }).check();
    await page.getByRole('checkbox', { name: `Select ${noise[1]}` }).check();
    await list.getByText(noise[2]!).click();
    await page.getByRole('heading', { name: noise[2] }).waitFor();
    await page.keyboard.press('x');
    await page.getByText('3 selected').waitFor();

    await page
      .getByRole('toolbar', { name: 'Bulk actions' })
      .getByRole('button', { name: 'Discard…' })
      .click();
    const discard = page.getByRole('dialog', { name: 'Discard 3 reports' });
    await chooseOption(page, discard, /^Reason/, 'Not an incident');
    await discard.getByLabel('Note').fill('Automatic replies');
    await discard.getByRole('button', { name: 'Discard 3 reports' }).click();
    await discard.waitFor({ state: 'hidden' });
    await page.getByText('3 reports discarded').waitFor();
    for (const title of noise) await list.getByText(title).waitFor({ state: 'detached' });
    await list.getByText('A real one to keep').waitFor();

    const discarded = await call<{ items: { title: string; discard: { reason: string; note: string } }[] }>(
      'GET',
      '/api/v1/reports?status=discarded',
      undefined,
      200,
    );
    expect(discarded.items.map((r) => r.title).sort()).toEqual([...noise].sort());
    for (const r of discarded.items)
      expect(r.discard).toEqual({ reason: 'not_an_incident', note: 'Automatic replies' });
    await page.context().close();
  });
});
