import type { Browser } from 'playwright-core';
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
import { finishClosureWizard } from './closure-wizard-steps.ts';

const HANDLER: TestUser = {
  email: 'hana.handler@example.test',
  password: 'a-long-handler-password',
  name: 'Hana Handler',
  role: 'handler',
};

describe('triage, assignment and merging in a real browser', () => {
  let server: RunningFirebreak;
  let browser: Browser;
  let api: ApiCall;
  beforeAll(async () => {
    server = await startFirebreak();
    browser = await launchBrowser();
    api = await signInApi(server.url, ADMIN.email, ADMIN.password);
    await createUser(api, HANDLER);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const signedIn = (path: string, user = ADMIN) => signedInPage(browser, server.url, path, user);

  async function post<T>(path: string, body: unknown): Promise<T> {
    const res = await api('POST', path, body);
    expect(res.status, await res.clone().text()).toBe(201);
    return (await res.json()) as T;
  }

  it('assigns a classified incident to the available specialist, who sees it live and closes it', async () => {
    // The handler starts the shift: available, specialised in fraud, through the user menu.
    const hana = await signedIn('/queue', HANDLER);
    await hana.getByRole('heading', { name: 'Triage queue' }).waitFor();
    await hana.getByLabel('Availability: away').waitFor();
    await hana.getByRole('button', { name: 'User menu' }).click();
    await hana.getByRole('menuitemcheckbox', { name: 'Available for new incidents' }).click();
    await hana.getByLabel('Availability: on shift').waitFor();
    await hana.getByRole('menuitem', { name: /^My specialisations/ }).click();
    const mine = hana.getByRole('dialog', { name: 'My specialisations' });
    await pick(hana, mine, /^Specialisations/, 'Fraud (every type)', 'fraud');
    // Escape closes the list of choices, not the dialog.
    await hana.keyboard.press('Escape');
    await mine.getByText('Fraud (every type)').waitFor();
    await mine.getByRole('button', { name: 'Save specialisations' }).click();
    await mine.waitFor({ state: 'hidden' });

    // An admin, in another browser, registers the report and triages the incident opened from it.
    const admin = await signedIn('/reports');
    await admin.getByRole('button', { name: 'Register report' }).click();
    const register = admin.getByRole('dialog', { name: 'Register report' });
    await register.getByLabel(/^Title/).fill('Fake bank login page');
    await register.getByLabel(/^Reporter( \*)?$/).fill('Bank fraud desk');
    await register
      .getByRole('textbox', { name: /^Report( \*)?$/ })
      .fill('Customers are sent to hxxps://secure-bank-login[.]example[.]net/signin');
    await register.getByRole('button', { name: 'Register' }).click();
    await register.waitFor({ state: 'hidden' });
    await admin.getByRole('heading', { name: 'Fake bank login page' }).waitFor();
    await admin.getByRole('button', { name: 'Open incident' }).click();
    const open = admin.getByRole('dialog', { name: 'Open incident' });
    await pick(admin, open, /^Severity/, 'high');
    await open.getByRole('button', { name: 'Open incident' }).click();
    await admin.waitForURL(/\/incidents\/FB-\d{4}-\d{5,}$/);
    const key = new URL(admin.url()).pathname.split('/').pop()!;

    await admin.getByRole('button', { name: 'Verify…' }).click();
    const verify = admin.getByRole('dialog', { name: `Verify ${key}` });
    await verify.getByRole('button', { name: 'Confirm real incident' }).click();
    await verify.waitFor({ state: 'hidden' });
    await admin.getByRole('button', { name: 'Classify' }).click();
    const classify = admin.getByRole('dialog', { name: `Classify ${key}` });
    await pick(admin, classify, /^Type/, 'Phishing', 'phish');
    await classify.getByRole('button', { name: 'Save classification' }).click();
    await classify.waitFor({ state: 'hidden' });

    // Assigned automatically to the only available fraud specialist; the SLA clocks are shown.
    await admin.getByText(`${key} assigned automatically to ${HANDLER.name}`).waitFor();
    await admin.getByTitle(HANDLER.email).waitFor();
    // Taking charge is the first response; the resolution clock runs on (P2: high × medium).
    await admin.getByLabel('Priority P2').waitFor();
    await admin.getByText('Response met').waitFor();
    // The countdown, with the due time in the user's zone on hover.
    const resolution = admin.locator('[title^="Due "]', { hasText: /^Resolution in \d/ });
    await resolution.waitFor();
    expect(await resolution.getAttribute('title')).toMatch(/^Due \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);

    // The handler's queue, open all along, shows it without a reload.
    const row = hana.getByRole('table', { name: 'Triage queue' }).getByRole('row').filter({ hasText: key });
    await row.getByText(HANDLER.name).waitFor();
    await row.getByText('Fake bank login page').click();
    await hana.keyboard.press('Enter');
    await hana.waitForURL(new RegExp(`/incidents/${key}$`));

    await hana.getByRole('button', { name: 'Close…' }).click();
    const close = hana.getByRole('dialog', { name: 'Close incident' });
    await pick(hana, close, /^Outcome/, 'Resolved');
    await close.getByLabel(/^Closing summary/).fill('Phishing site taken down by the registrar.');
    await pick(hana, close, /^Final classification/, 'Phishing', 'phish');
    await finishClosureWizard(close);
    await close.waitFor({ state: 'hidden' });
    await hana.getByRole('region', { name: 'Closure' }).getByText('Resolved').waitFor();

    await hana.getByRole('tab', { name: 'Timeline' }).click();
    const timeline = hana.getByRole('table', { name: 'Timeline' });
    for (const [step, actor] of [
      [`Opened ${key}`, ADMIN.email],
      ['Verified: a real incident', ADMIN.email],
      ['Classified (initial) as fraud/phishing', ADMIN.email],
      [`Assigned automatically: lead ${HANDLER.name}`, ADMIN.email],
      ['Classified (final) as fraud/phishing', HANDLER.email],
      ['Closed as resolved', HANDLER.email],
    ]) {
      const entry = timeline.getByRole('row').filter({ hasText: step! }).first();
      await entry.waitFor();
      expect(await entry.textContent()).toContain(actor);
    }
    await hana.context().close();
    await admin.context().close();
  });

  it('takes with t and assigns with a, from the queue', async () => {
    const [mine, theirs] = await Promise.all(
      ['Suspicious login to the VPN', 'Defaced intranet page'].map((title) =>
        post<{ key: string }>('/api/v1/incidents', { title, severity: 'critical' }),
      ),
    );
    const hana = await signedIn('/queue', HANDLER);
    const queue = hana.getByRole('table', { name: 'Triage queue' });
    await queue.getByRole('row').filter({ hasText: mine!.key }).getByText('Suspicious login').click();
    await hana.keyboard.press('t');
    await hana.getByText(`You lead ${mine!.key} now`).waitFor();
    await queue.getByRole('row').filter({ hasText: mine!.key }).getByText(HANDLER.name).waitFor();

    // A handler does not assign others: the key says so instead of opening the dialog.
    await queue.getByRole('row').filter({ hasText: theirs!.key }).getByText('Defaced intranet').click();
    await hana.keyboard.press('a');
    await hana.getByText('Only leads and administrators assign').waitFor();
    expect(await hana.getByRole('dialog').count()).toBe(0);

    const admin = await signedIn(`/queue?selected=${theirs!.key}`);
    await admin.getByRole('table', { name: 'Triage queue' }).locator('tr[aria-current="true"]').waitFor();
    await admin.keyboard.press('a');
    const assign = admin.getByRole('dialog', { name: `Assign ${theirs!.key}` });
    await assign.getByRole('radio', { name: `Lead: ${HANDLER.name}` }).check();
    await assign.getByRole('checkbox', { name: 'Handler: Administrator' }).check();
    await assign.getByRole('button', { name: 'Save assignment' }).click();
    await assign.waitFor({ state: 'hidden' });
    // The handler's queue follows live.
    await queue.getByRole('row').filter({ hasText: theirs!.key }).getByText(HANDLER.name).waitFor();

    await admin.goto(`${server.url}/incidents/${theirs!.key}`);
    await admin.getByText(`${HANDLER.name} + Administrator`).waitFor();
    await admin.getByRole('tab', { name: 'Timeline' }).click();
    const entry = admin
      .getByRole('row')
      .filter({ hasText: `Assigned: lead ${HANDLER.name}, with Administrator` });
    expect(await entry.textContent()).toContain(ADMIN.email);
    await hana.context().close();
    await admin.context().close();
  });

  it('links a new report to the open incident it shares observables with', async () => {
    const first = await post<{ id: string }>('/api/v1/reports', {
      channel: 'phone',
      reporter: { kind: 'person', name: 'Caller', trust: 'low' },
      title: 'Ransom note on file server',
      body: 'Files encrypted, note names 192.0.2.50 and pay-up.example.com',
    });
    const incident = await post<{ key: string }>('/api/v1/incidents', {
      title: 'Ransomware at the town hall',
      reportIds: [first.id],
    });
    const second = await post<{ id: string }>('/api/v1/reports', {
      channel: 'email',
      reporter: { kind: 'organisation', name: 'Partner CERT', trust: 'high' },
      title: 'C2 traffic seen',
      body: 'Beacons to 192.0.2.50 every 60 s',
    });

    const page = await signedIn(`/reports?id=${second.id}`);
    const suggestions = page.getByRole('region', { name: 'Possibly the same incident' });
    const suggestion = suggestions.getByRole('article', { name: new RegExp(`^${incident.key} `) });
    await suggestion.getByText('192[.]0[.]2[.]50', { exact: true }).waitFor();
    await suggestion.getByRole('button', { name: 'Link to this incident' }).click();
    await page.getByText(`Report linked to ${incident.key}`).waitFor();
    await page.getByText('linked', { exact: true }).waitFor();

    await page.goto(`${server.url}/incidents/${incident.key}?tab=reports`);
    await page.getByRole('article', { name: 'Report C2 traffic seen' }).waitFor();
    await page.getByRole('tab', { name: 'Reports (2)' }).waitFor();
    await page.context().close();
  });

  it('relates two incidents with a note, both show it, and removes it again', async () => {
    const [one, other] = await Promise.all(
      ['Credential phishing wave', 'Account takeovers at the mail service'].map((title) =>
        post<{ key: string }>('/api/v1/incidents', { title }),
      ),
    );
    const page = await signedIn(`/incidents/${one!.key}`);
    await page.getByRole('button', { name: 'More' }).click();
    await page.getByRole('menuitem', { name: 'Relate incident…' }).click();
    const relate = page.getByRole('dialog', { name: `Relate ${one!.key} to another incident` });
    await relate.getByLabel('Find the related incident').fill('takeovers');
    await relate.getByRole('radio', { name: new RegExp(`^${other!.key} `) }).check();
    await relate.getByLabel(/^Note/).fill('stolen passwords used here');
    await relate.getByRole('button', { name: `Relate to ${other!.key}` }).click();
    await relate.waitFor({ state: 'hidden' });
    const related = page.getByRole('region', { name: 'Related incidents' });
    await related.getByText('stolen passwords used here', { exact: false }).waitFor();

    await page.goto(`${server.url}/incidents/${other!.key}`);
    await page
      .getByRole('region', { name: 'Related incidents' })
      .getByRole('link', { name: one!.key })
      .waitFor();
    await page.getByRole('button', { name: `Remove the relation to ${one!.key}` }).click();
    await page.getByRole('region', { name: 'Related incidents' }).waitFor({ state: 'detached' });
    await page.context().close();
  });

  it('merges two incidents into a third: the survivor holds every report, the others point to it', async () => {
    const reports = await Promise.all(
      ['Mail from 203.0.113.7', 'Scan from 203.0.113.8', 'Login attempts from 203.0.113.9'].map((title) =>
        post<{ id: string }>('/api/v1/reports', {
          channel: 'email',
          reporter: { kind: 'person', name: 'SOC night shift', trust: 'medium' },
          title,
          body: `${title}, seen at 02:00`,
        }),
      ),
    );
    const [survivor, first, second] = await Promise.all(
      reports.map((r, i) =>
        post<{ key: string }>('/api/v1/incidents', {
          title: ['Botnet campaign', 'Spam wave', 'Brute force'][i],
          reportIds: [r.id],
        }),
      ),
    );

    const page = await signedIn(`/incidents/${survivor!.key}`);
    await page.getByRole('heading', { name: 'Botnet campaign' }).waitFor();
    await page.getByRole('button', { name: 'More' }).click();
    await page.getByRole('menuitem', { name: 'Merge incidents into this one…' }).click();
    const merge = page.getByRole('dialog', { name: `Merge incidents into ${survivor!.key}` });
    for (const source of [first!, second!]) {
      await merge.getByLabel('Find incidents to merge').fill(source.key);
      await merge.getByRole('checkbox', { name: new RegExp(`^${source.key} `) }).check();
    }
    await merge.getByRole('region', { name: 'To merge' }).getByText(second!.key).waitFor();
    await merge.getByRole('button', { name: `Merge 2 incidents into ${survivor!.key}` }).click();
    await merge.waitFor({ state: 'hidden' });

    await page.getByRole('tab', { name: 'Reports (3)' }).click();
    for (const title of ['Mail from 203.0.113.7', 'Scan from 203.0.113.8', 'Login attempts from 203.0.113.9'])
      await page.getByRole('article', { name: `Report ${title}` }).waitFor();

    await page.goto(`${server.url}/incidents/${first!.key}`);
    const banner = page.getByRole('alert').filter({ hasText: `Merged into ${survivor!.key}` });
    await banner.getByRole('link', { name: survivor!.key }).waitFor();
    await page.context().close();
  });
});
