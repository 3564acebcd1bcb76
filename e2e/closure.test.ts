import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../server/src/testing/smtp-sink.ts';
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

describe('closing an incident through the wizard in a real browser', () => {
  let server: RunningFirebreak;
  let browser: Browser;
  let api: ApiCall;
  let relay: SmtpSink;

  beforeAll(async () => {
    relay = await startSmtpSink();
    server = await startFirebreak({
      FIREBREAK_MAIL_RELAY_URL: relay.url,
      FIREBREAK_MAIL_FROM: 'cert@firebreak.test',
      FIREBREAK_JOB_POLL_MS: '100',
    });
    browser = await launchBrowser();
    api = await signInApi(server.url, ADMIN.email, ADMIN.password);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await relay?.close();
  });

  const json = async <T>(res: Promise<Response>, status = 200): Promise<T> => {
    const r = await res;
    expect(r.status, await r.clone().text()).toBe(status);
    return (await r.json()) as T;
  };

  it('closes with final notes that reach the chosen parties over SMTP, then reports, lessons and post-analysis', async () => {
    const hospital = await json<{ id: string }>(
      api('POST', '/api/v1/constituencies', {
        name: 'City Hospital',
        criticality: 'high',
        contacts: [
          { name: 'Bob Admin', email: 'bob@hospital.example', audience: 'technical' },
          { name: 'Carol Director', email: 'carol@hospital.example', audience: 'descriptive' },
        ],
      }),
      201,
    );
    const incident = await json<{ key: string; version: number }>(
      api('POST', '/api/v1/incidents', {
        title: 'Ransomware on the file server',
        summary: 'Files encrypted on fs-01.',
        constituencyId: hospital.id,
        tlp: 'green',
      }),
      201,
    );
    const path = `/api/v1/incidents/${incident.key}`;
    await json(
      api('POST', `${path}/tasks`, {
        title: 'Ask the ISP to block the C2 address',
        step: 'eradication',
        party: { kind: 'isp', name: 'Abuse desk <abuse@isp.example>' },
      }),
      201,
    );
    await json(
      api('PUT', `${path}/analysis`, {
        version: 0,
        rootCause: 'Unpatched VPN appliance',
        assets: [{ name: 'fs-01', identifier: '10.0.0.5', kind: 'server', state: 'recovered' }],
        impact: {
          confidentiality: 'low',
          integrity: 'high',
          availability: 'high',
          affectedUsers: null,
          affectedRecords: null,
          business: 'File shares down for a day',
        },
      }),
    );
    await json(api('POST', `${path}/transition`, { version: incident.version, to: 'response' }));

    const page = await signedInPage(browser, server.url, `/incidents/${incident.key}`);
    await page.getByRole('button', { name: 'Close…' }).click();
    const wizard = page.getByRole('dialog', { name: 'Close incident' });
    await pick(page, wizard, /^Outcome/, 'Resolved');
    await wizard.getByLabel(/^Closing summary/).fill('Restored fs-01 from the last clean backup.');
    await pick(page, wizard, /^Final classification/, 'Infected System', 'infected');
    const next = wizard.getByRole('button', { name: 'Next' });
    await next.click();

    // The open task is listed; closing anyway needs a reason.
    await wizard
      .getByRole('list', { name: 'Open tasks' })
      .getByText('Ask the ISP to block the C2 address')
      .waitFor();
    expect(await next.isDisabled()).toBe(true);
    await wizard.getByLabel(/^Reason to close anyway/).fill('The ISP tracks the block in its own ticket');
    await next.click();

    // Everyone involved is suggested; the ISP is left out this time.
    for (const address of ['bob@hospital.example', 'carol@hospital.example', 'abuse@isp.example'])
      await wizard.getByRole('checkbox', { name: `Inform ${address}` }).waitFor();
    await wizard.getByRole('checkbox', { name: 'Inform abuse@isp.example' }).uncheck();
    await wizard.getByLabel(/^Recommendations/).fill('Patch VPN appliances within 48 hours.');
    await wizard.getByRole('button', { name: 'Draft notes' }).click();
    const bobNote = wizard.getByRole('textbox', { name: 'Note to bob@hospital.example' });
    const carolNote = wizard.getByRole('textbox', { name: 'Note to carol@hospital.example' });
    await bobNote.waitFor();
    expect(await bobNote.inputValue()).toContain('Root cause: Unpatched VPN appliance');
    expect(await bobNote.inputValue()).toContain('- fs-01 (10.0.0.5): recovered');
    expect(await carolNote.inputValue()).toContain('Dear Carol Director,');
    expect(await carolNote.inputValue()).not.toContain('10.0.0.5');
    await carolNote.fill(`${await carolNote.inputValue()}\nP.S. We will present this at the board meeting.`);
    await next.click();
    await wizard.getByText('Final notes to bob@hospital.example, carol@hospital.example').waitFor();
    await wizard.getByRole('button', { name: 'Close incident' }).click();
    await wizard.waitFor({ state: 'hidden' });
    const current = page.getByRole('list', { name: 'Phase' }).locator('[aria-current="step"]');
    await expect.poll(() => current.textContent()).toBe('Closed');

    await relay.waitFor(2);
    const to = (address: string) => relay.messages.find((m) => m.rcptTo.includes(address))!;
    expect(relay.messages.map((m) => m.rcptTo[0]).sort()).toEqual([
      'bob@hospital.example',
      'carol@hospital.example',
    ]);
    expect(to('bob@hospital.example').parsed.subject).toBe(
      `[${incident.key}] Incident closed: Ransomware on the file server`,
    );
    expect(to('bob@hospital.example').parsed.text).toContain(
      'Classification: Infected System (Malicious Code)',
    );
    expect(to('bob@hospital.example').parsed.text).toContain('Patch VPN appliances within 48 hours.');
    expect(to('carol@hospital.example').parsed.text).toContain(
      'P.S. We will present this at the board meeting.',
    );

    const timeline = page.getByRole('table', { name: 'Timeline' });
    await page.getByRole('tab', { name: 'Timeline' }).click();
    await timeline
      .getByRole('row')
      .filter({ hasText: 'Closed with 1 open task: The ISP tracks the block in its own ticket' })
      .waitFor();
    await timeline.getByRole('row').filter({ hasText: 'E-mail to carol@hospital.example' }).waitFor();

    // Both reports download as PDFs whose text holds the timeline.
    for (const label of ['technical report', 'management report']) {
      await page.getByRole('button', { name: 'Incident reports' }).click();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('menuitem', { name: `Download ${label} (PDF)` }).click(),
      ]);
      const bytes = await readFile(await download.path());
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true });
      expect(text, label).toContain('Closed as resolved');
      expect(text, label).toContain(incident.key);
    }

    // Lessons learned and two improvement proposals, then the review moves it to post-analysis done.
    await page.getByRole('tab', { name: 'Lessons' }).click();
    const lessons = page.getByRole('region', { name: 'Lessons learned' });
    await lessons.getByLabel(/^What went well/).fill('Backups were recent and restorable.');
    await lessons.getByLabel(/^What went badly/).fill('The VPN advisory was missed for three weeks.');
    await lessons.getByRole('button', { name: 'Save lessons' }).click();
    await lessons.getByRole('button', { name: 'Save lessons' }).and(page.locator(':disabled')).waitFor();
    for (const title of ['Subscribe to the VPN vendor advisories', 'Patch edge devices within 48 hours']) {
      await page.getByRole('button', { name: 'New proposal' }).click();
      const proposal = page.getByRole('dialog', { name: 'New improvement proposal' });
      await proposal.getByLabel(/^Title/).fill(title);
      await proposal.getByLabel(/^Owner/).click();
      await page.getByRole('option').first().click();
      await proposal.getByLabel(/^Due date/).fill('2026-12-31');
      await proposal.getByRole('button', { name: 'Add' }).click();
      await proposal.waitFor({ state: 'hidden' });
      await page.getByRole('region', { name: 'Improvement proposals' }).getByText(title).waitFor();
    }
    await page.getByRole('button', { name: 'Mark review done' }).click();
    await expect.poll(() => current.textContent()).toBe('Post-analysis done');
    const done = await json<{ phase: string }>(api('GET', path));
    expect(done.phase).toBe('post_analysis_done');
    const improvements = await json<{ items: { title: string; dueDate: string | null; owner: unknown }[] }>(
      api('GET', `${path}/improvements`),
    );
    expect(improvements.items.map((i) => i.title).sort()).toEqual([
      'Patch edge devices within 48 hours',
      'Subscribe to the VPN vendor advisories',
    ]);
    expect(improvements.items.every((i) => i.owner && i.dueDate)).toBe(true);
  });
});
