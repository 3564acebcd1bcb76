import * as openpgp from 'openpgp';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../server/src/testing/smtp-sink.ts';
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

describe('composing a message in a real browser', () => {
  let relay: SmtpSink;
  let server: RunningFirebreak;
  let browser: Browser;
  let api: ApiCall;

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

  it('sends a template to a contact with a key, encrypted, and the thread shows it sent', async () => {
    const { publicKey } = await openpgp.generateKey({
      userIDs: [{ email: 'bob@hospital.example' }],
      format: 'armored',
    });
    const hospital = (await (
      await api('POST', '/api/v1/constituencies', {
        name: 'City Hospital',
        criticality: 'high',
        contacts: [{ name: 'Bob Keyholder', email: 'bob@hospital.example', pgpKey: publicKey }],
      })
    ).json()) as { id: string };
    const incident = (await (
      await api('POST', '/api/v1/incidents', {
        title: 'Phishing kit on the hospital web server',
        constituencyId: hospital.id,
        tlp: 'amber',
      })
    ).json()) as { key: string };

    const page = await signedInPage(browser, server.url, `/incidents/${incident.key}?tab=communications`);
    await page.getByRole('button', { name: 'New message' }).click();
    const dialog = page.getByRole('dialog', { name: `New message on ${incident.key}` });
    await dialog.getByLabel(/^To/).click();
    await page.getByRole('option', { name: /Bob Keyholder/ }).click();
    await chooseOption(page, dialog, /^Template/, 'Notify the affected constituency (technical)');
    await dialog.getByRole('button', { name: 'Preview' }).click();
    const preview = dialog.getByLabel('Preview');
    await preview.getByText('OpenPGP-encrypted').waitFor();
    await preview.getByText(`[${incident.key}] Security incident affecting City Hospital`).waitFor();
    expect(await preview.getByText(/^TLP:AMBER\s+Hello Bob Keyholder/).count()).toBe(1);
    await dialog.getByRole('button', { name: 'Send' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const thread = page.getByLabel('Communications');
    await thread.getByText(`[${incident.key}] Security incident affecting City Hospital`).waitFor();
    // The job sends it; the live event turns "queued" into "sent" without a reload.
    await thread.getByText('sent', { exact: true }).waitFor({ timeout: 20_000 });
    await thread.getByText('encrypted', { exact: true }).waitFor();
    await relay.waitFor(1);
    expect(relay.messages[0]!.raw.toString()).toContain('multipart/encrypted');
    expect(relay.messages[0]!.raw.toString()).not.toContain('Phishing kit');

    await page.goto(`${server.url}/admin/message-templates`);
    await page
      .getByRole('table', { name: 'Message templates' })
      .getByText('Ask a hosting provider or ISP to take a phishing site down')
      .waitFor();
  }, 120_000);
});
