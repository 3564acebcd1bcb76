import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  chooseOption as pick,
  launchBrowser,
  signedInPage,
  signInApi,
  startFirebreak,
  type ApiCall,
  type RunningFirebreak,
} from './harness.ts';
import { finishClosureWizard } from './closure-wizard-steps.ts';

const COLLEAGUE = { email: 'bo.handler@example.test', password: 'another-long-password' };

describe('incident handling in a real browser', () => {
  let server: RunningFirebreak;
  let browser: Browser;
  let api: ApiCall;
  beforeAll(async () => {
    server = await startFirebreak();
    browser = await launchBrowser();
    api = await signInApi(server.url, ADMIN.email, ADMIN.password);
    const constituency = await api('POST', '/api/v1/constituencies', {
      name: 'City Hospital',
      criticality: 'critical',
      assets: [{ kind: 'cidr', value: '198.51.100.0/24' }],
    });
    expect(constituency.status).toBe(201);
    const colleague = await api('POST', '/api/v1/users', {
      email: COLLEAGUE.email,
      name: 'Bo Handler',
      role: 'handler',
      password: COLLEAGUE.password,
    });
    expect(colleague.status).toBe(201);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const signedIn = (path: string, user = ADMIN) => signedInPage(browser, server.url, path, user);

  async function registerReport(title: string, body: string): Promise<string> {
    const res = await api('POST', '/api/v1/reports', {
      channel: 'email',
      reporter: { kind: 'person', name: 'Anna from the helpdesk', trust: 'high' },
      title,
      body,
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  }

  async function openIncident(title: string): Promise<string> {
    const res = await api('POST', '/api/v1/incidents', { title, severity: 'medium' });
    expect(res.status).toBe(201);
    return ((await res.json()) as { key: string }).key;
  }

  it('opens an incident from a report, verifies, classifies, moves and closes it; the timeline names the actor', async () => {
    const reportId = await registerReport(
      'Phishing page on hospital server',
      'Users get mails linking to hxxps://login-hospital[.]example[.]org/owa hosted on 198.51.100.23',
    );
    const page = await signedIn(`/reports?id=${reportId}`);
    await page.getByRole('heading', { name: 'Phishing page on hospital server' }).waitFor();

    await page.getByRole('button', { name: 'Open incident' }).click();
    const open = page.getByRole('dialog', { name: 'Open incident' });
    expect(await open.getByLabel(/^Title/).inputValue()).toBe('Phishing page on hospital server');
    await pick(page, open, /^Severity/, 'high');
    await open.getByRole('button', { name: 'Open incident' }).click();
    await page.waitForURL(/\/incidents\/FB-\d{4}-\d{5,}$/);
    const key = new URL(page.url()).pathname.split('/').pop()!;

    await page.getByRole('heading', { name: 'Phishing page on hospital server' }).waitFor();
    await page.getByLabel('TLP amber').first().waitFor();
    // High severity at a critical constituency: P1 by the default matrix.
    await page.getByLabel('Priority P1').waitFor();
    await page.getByText('high × critical').waitFor();

    await page.getByRole('button', { name: 'Verify…' }).click();
    const verify = page.getByRole('dialog', { name: `Verify ${key}` });
    await verify.getByRole('button', { name: 'Confirm real incident' }).click();
    await verify.waitFor({ state: 'hidden' });
    await page.getByText(`✓ by ${ADMIN.email}`).waitFor();

    await page.getByRole('button', { name: 'Classify' }).click();
    const classify = page.getByRole('dialog', { name: `Classify ${key}` });
    await classify.getByLabel(/^Type/).fill('phish');
    await page.getByRole('option', { name: 'Phishing', exact: true }).click();
    await classify.getByRole('button', { name: 'Save classification' }).click();
    await classify.waitFor({ state: 'hidden' });
    const history = page.getByRole('table', { name: 'Classification history' });
    await history.getByRole('row').filter({ hasText: 'Initial' }).filter({ hasText: 'Phishing' }).waitFor();
    expect(await history.textContent()).toContain(ADMIN.email);

    await page.getByRole('button', { name: 'Change phase' }).click();
    await page.getByRole('menuitem', { name: 'Response' }).click();
    const current = page.getByRole('list', { name: 'Phase' }).locator('[aria-current="step"]');
    await expect.poll(() => current.textContent()).toBe('Response');

    // A note on the timeline while the incident is open; once closed it is archived read-only.
    await page.getByRole('tab', { name: 'Timeline' }).click();
    await page
      .getByRole('textbox', { name: 'Note', exact: true })
      .fill('Hosting provider confirmed the takedown by phone.');
    await page.getByLabel(/^Event time/).fill('2026-03-01T09:30');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.getByRole('table', { name: 'Timeline' }).getByText('takedown by phone').waitFor();
    await page.getByRole('tab', { name: 'Overview' }).click();

    await page.getByRole('button', { name: 'Close…' }).click();
    const close = page.getByRole('dialog', { name: 'Close incident' });
    await pick(page, close, /^Outcome/, 'Resolved');
    await close.getByLabel(/^Closing summary/).fill('Phishing kit removed by the hosting provider.');
    // The current classification is proposed as the final one; it is chosen explicitly here.
    await pick(page, close, /^Final classification/, 'Phishing');
    await finishClosureWizard(close);
    await close.waitFor({ state: 'hidden' });
    await page.getByRole('region', { name: 'Closure' }).getByText('Resolved').waitFor();
    await expect.poll(() => current.textContent()).toBe('Closed');

    await page.getByRole('tab', { name: 'Timeline' }).click();
    const timeline = page.getByRole('table', { name: 'Timeline' });
    for (const step of [
      `Opened ${key}`,
      'Verified: a real incident',
      'Classified (initial) as fraud/phishing',
      'Phase triage → response',
      'Closed as resolved',
      'Hosting provider confirmed the takedown by phone.',
    ]) {
      const row = timeline.getByRole('row').filter({ hasText: step }).first();
      await row.waitFor();
      expect(await row.textContent()).toContain(ADMIN.email);
    }
    expect(await timeline.getByRole('row').filter({ hasText: 'takedown by phone' }).textContent()).toContain(
      'happened 2026-03-01 09:30',
    );
    await page.context().close();
  });

  it('runs the queue from the keyboard, and never while typing', async () => {
    const first = await openIncident('Scanning from a university network');
    const second = await openIncident('Defacement of the hospital web site');
    const page = await signedIn('/queue');
    const queue = page.getByRole('table', { name: 'Triage queue' });
    await queue.getByRole('row').filter({ hasText: first }).waitFor();
    await queue.getByRole('row').filter({ hasText: second }).waitFor();
    // Same priority and SLA targets: the older one comes first, the newer right after it.
    const selected = () => queue.locator('tr[aria-current="true"]').textContent();
    await queue.getByRole('row').filter({ hasText: first }).getByText('Scanning from').click();
    await expect.poll(selected).toContain(first);
    await page.keyboard.press('j');
    await expect.poll(selected).toContain(second);
    await page.keyboard.press('k');
    await expect.poll(selected).toContain(first);

    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.getByText('Verify: confirm it is a real incident').waitFor();
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'hidden' });

    // Typing in the search field must not move the selection.
    await page.getByRole('textbox', { name: 'Search everything' }).fill('jjj');
    await expect.poll(selected).toContain(first);
    await page.getByRole('textbox', { name: 'Search everything' }).blur();

    await page.keyboard.press('c');
    const classify = page.getByRole('dialog', { name: `Classify ${first}` });
    await classify.getByLabel(/^Type/).fill('scann');
    await page.getByRole('option', { name: 'Scanning', exact: true }).click();
    await classify.getByRole('button', { name: 'Save classification' }).click();
    await classify.waitFor({ state: 'hidden' });
    await queue.getByRole('row').filter({ hasText: first }).getByText('Scanning', { exact: true }).waitFor();

    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/incidents/${first}$`));
    await page.context().close();
  });

  it('refuses the second of two concurrent edits, keeps its text, and reapplies it on request', async () => {
    const key = await openIncident('Port scan against the VPN gateway');
    const mine = await signedIn(`/incidents/${key}`);
    const theirs = await signedIn(`/incidents/${key}`, COLLEAGUE);
    await mine.getByRole('heading', { name: 'Port scan against the VPN gateway' }).waitFor();
    await theirs.getByRole('heading', { name: 'Port scan against the VPN gateway' }).waitFor();

    await mine.getByRole('button', { name: 'Edit title' }).click();
    await mine.getByLabel(/^Title/).fill('Mine: scan of the hospital VPN from AS64500');

    await theirs.getByRole('button', { name: 'Edit title' }).click();
    await theirs.getByLabel(/^Title/).fill('Theirs: credential stuffing on the VPN');
    await theirs.getByRole('button', { name: 'Save title' }).click();
    await theirs.getByRole('heading', { name: 'Theirs: credential stuffing on the VPN' }).waitFor();

    // The colleague's save arrives live and is announced while this user is still typing.
    await mine.getByText('Updated by someone else while you were editing').waitFor();
    await mine.getByRole('button', { name: 'Save title' }).click();
    const notice = mine.getByRole('alert').filter({ hasText: `Someone else changed ${key} first` });
    await notice.waitFor();
    const changes = notice.getByRole('table', { name: 'What changed meanwhile' });
    expect(await changes.textContent()).toContain('Theirs: credential stuffing on the VPN');
    await expect.poll(() => notice.textContent()).toContain(COLLEAGUE.email);
    expect(await mine.getByLabel(/^Title/).inputValue()).toBe('Mine: scan of the hospital VPN from AS64500');

    await notice.getByRole('button', { name: 'Reload and reapply mine' }).click();
    await mine.getByRole('heading', { name: 'Mine: scan of the hospital VPN from AS64500' }).waitFor();
    await theirs.getByRole('heading', { name: 'Mine: scan of the hospital VPN from AS64500' }).waitFor();
    await mine.context().close();
    await theirs.context().close();
  });
});
