import { createServer } from 'node:net';
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestImapServer, type TestImapServer } from '../server/src/testing/dovecot.ts';
import {
  ADMIN,
  launchBrowser,
  signedInPage,
  signInApi,
  startFirebreak,
  type ApiCall,
  type RunningFirebreak,
} from './harness.ts';

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as { port: number };
  await new Promise((resolve) => srv.close(resolve));
  return port;
}

describe('reports by e-mail in a real browser', () => {
  let imap: TestImapServer;
  let server: RunningFirebreak;
  let browser: Browser;
  let api: ApiCall;
  let smtpPort: number;

  beforeAll(async () => {
    imap = await startTestImapServer();
    smtpPort = await freePort();
    server = await startFirebreak({ FIREBREAK_SMTP_PORT: String(smtpPort) });
    browser = await launchBrowser();
    api = await signInApi(server.url, ADMIN.email, ADMIN.password);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await imap?.stop();
  });

  it('reads a mailbox set up in Admin › Intake, and shows a reply on the incident it names', async () => {
    const client = new ImapFlow({
      host: imap.host,
      port: imap.port,
      secure: false,
      doSTARTTLS: false,
      auth: { user: imap.user, pass: imap.password },
      logger: false,
    });
    await client.connect();
    await client.append(
      'INBOX',
      [
        'From: Bob Builder <bob@example.org>',
        'To: abuse@cert.example',
        'Subject: Phishing site at http://login-example.test/bank',
        'Message-ID: <phish-1@example.org>',
        '',
        'Please take down http://login-example.test/bank, it imitates our bank.',
        '',
      ].join('\r\n'),
    );
    await client.logout();

    const page = await signedInPage(browser, server.url, '/admin/intake');
    await page.getByRole('button', { name: 'Add mailbox' }).click();
    const dialog = page.getByRole('dialog', { name: 'New mailbox' });
    await dialog.getByLabel(/^Name/).fill('abuse@');
    await dialog.getByLabel(/^IMAP server/).fill(imap.host);
    await dialog.getByLabel(/^Port/).fill(String(imap.port));
    await dialog.getByLabel(/^Encryption/).click();
    await page.getByRole('option', { name: /None/ }).click();
    await dialog.getByLabel(/^User name/).fill(imap.user);
    await dialog.getByLabel(/^Password/).fill(imap.password);
    await dialog.getByLabel(/^Move processed mail to/).fill('Done');
    await dialog.getByRole('button', { name: 'Add mailbox' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const table = page.getByRole('table', { name: 'Mailboxes' });
    await table.getByRole('button', { name: 'Poll now' }).click();
    // The minutely schedule may take the message first; either way the table names the last poll.
    await table.getByText(/\d+ taken/).waitFor();
    let reports: { items: { id: string; title: string }[] } = { items: [] };
    for (let i = 0; i < 50 && reports.items.length === 0; i++) {
      if (i) await new Promise((resolve) => setTimeout(resolve, 200));
      reports = (await (await api('GET', '/api/v1/reports')).json()) as typeof reports;
    }
    expect(reports.items.map((r) => r.title)).toEqual(['Phishing site at http://login-example.test/bank']);
    const incident = (await (
      await api('POST', '/api/v1/incidents', { title: 'Bank phishing', reportIds: [reports.items[0]!.id] })
    ).json()) as { key: string };

    await page.goto(`${server.url}/incidents/${incident.key}?tab=communications`);
    await page.getByText('No messages yet').waitFor();
    const smtp = nodemailer.createTransport({
      host: '127.0.0.1',
      port: smtpPort,
      secure: false,
      ignoreTLS: true,
    });
    await smtp.sendMail({
      from: 'noc@isp.example',
      to: 'abuse@cert.example',
      subject: `Re: [${incident.key}] takedown request`,
      text: 'The site is down since 10:05.',
    });
    smtp.close();
    // The incident changed event brings the message in without a reload.
    await page.getByText('The site is down since 10:05.').waitFor();
    await page.getByText(`Re: [${incident.key}] takedown request`).waitFor();
  });
});
