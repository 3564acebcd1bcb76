import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signedInPage, startFirebreak, type RunningFirebreak } from './harness.ts';

describe('intake administration in a real browser', () => {
  let server: RunningFirebreak;
  let browser: Browser;
  beforeAll(async () => {
    server = await startFirebreak();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('creates a webhook source whose token, shown once, lets a tool open a report with the mapped title', async () => {
    const page = await signedInPage(browser, server.url, '/admin/intake');
    const rules = page.getByRole('table', { name: 'Fingerprint rules' });
    await rules.getByRole('cell', { name: 'suricata', exact: true }).waitFor();

    // A fingerprint rule: the server's complaint is shown at the field, and what was typed stays.
    await page.getByRole('button', { name: 'Edit rule of suricata' }).click();
    const ruleDialog = page.getByRole('dialog', { name: 'Fingerprint rule of suricata' });
    const fields = ruleDialog.getByLabel(/^Fingerprint fields/);
    await fields.fill('alert..id');
    await fields.press('Enter');
    await ruleDialog.getByRole('button', { name: 'Save rule' }).click();
    await ruleDialog.getByText(/must be a dotted field path/).waitFor();
    await fields.press('Backspace');
    await ruleDialog.getByLabel(/^Window/).fill('2');
    await ruleDialog.getByRole('button', { name: 'Save rule' }).click();
    await ruleDialog.waitFor({ state: 'hidden' });
    await rules.getByRole('cell', { name: '2 hours' }).waitFor();

    await page.getByRole('button', { name: 'New webhook source' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New webhook source' });
    await dialog.getByLabel(/^Source name/).fill('grafana');
    await dialog.getByLabel(/^Title path/).fill('alert.name');
    await dialog.getByLabel(/^Event id path/).fill('id');
    await dialog.getByRole('button', { name: 'Add observable' }).click();
    await dialog.getByLabel('Observable path 1').fill('host.ip');
    await dialog.getByRole('button', { name: 'Create source' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await page.getByText('it is shown only once').waitFor();
    const token = await page.getByLabel('Webhook token').inputValue();
    expect(token).toMatch(/^fbw_/);
    expect(await page.getByLabel('curl example').textContent()).toContain(
      `${server.url}/api/v1/intake/webhooks/grafana`,
    );
    await page
      .getByRole('table', { name: 'Webhook sources' })
      .getByRole('cell', { name: 'grafana', exact: true })
      .waitFor();

    const post = (authorization: string) =>
      fetch(`${server.url}/api/v1/intake/webhooks/grafana`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify({
          id: 'a-1',
          alert: { name: 'Brute force on VPN' },
          host: { ip: '198.51.100.7' },
        }),
      });
    expect((await post('Bearer wrong')).status).toBe(401);
    const res = await post(`Bearer ${token}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ received: 1, created: 1 });

    await page.goto(`${server.url}/reports`);
    await page.getByRole('list', { name: 'Reports' }).getByText('Brute force on VPN').first().click();
    // The mapped host.ip is named by the sender, shown defanged before what the text holds.
    await page.getByText('Named by the sender').waitFor();
    await page.getByRole('button', { name: 'ipv4 198[.]51[.]100[.]7' }).waitFor();
  });

  it('reads log lines for a source set to syslog: a CEF title, an observable from a plain message', async () => {
    const page = await signedInPage(browser, server.url, '/admin/intake');
    await page.getByRole('button', { name: 'New webhook source' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New webhook source' });
    await dialog.getByLabel(/^Source name/).fill('relay');
    await dialog.getByLabel(/^Body format/).click();
    await page.getByRole('option', { name: /^Log lines/ }).click();
    await dialog.getByLabel(/^Title path/).fill('cef.name, message');
    await dialog.getByRole('button', { name: 'Create source' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const token = await page.getByLabel('Webhook token').inputValue();
    expect(await page.getByLabel('curl example').textContent()).toContain('Content-Type: text/plain');

    const res = await fetch(`${server.url}/api/v1/intake/webhooks/relay`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain' },
      body: [
        'CEF:0|Example|Firewall|1.0|100|Port scan from outside|5|src=198.51.100.23',
        '<38>Mar  1 10:05:00 bastion sshd[811]: Failed password for root from 192.0.2.44 port 51826 ssh2',
      ].join('\n'),
    });
    expect(await res.json()).toMatchObject({ received: 2, created: 2, errors: [] });
    await page.goto(`${server.url}/reports`);
    const inbox = page.getByRole('list', { name: 'Reports' });
    await inbox.getByText('Port scan from outside').first().waitFor();
    await inbox
      .getByText(/Failed password for root/)
      .first()
      .waitFor();
  });
});
