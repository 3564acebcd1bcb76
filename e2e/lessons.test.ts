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

describe('lessons learned in a real browser', () => {
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

  it('records lessons and two proposals on a closed incident, then marks the review done', async () => {
    const { key } = (await (
      await api('POST', '/api/v1/incidents', { title: 'VPN appliance compromise' })
    ).json()) as { key: string };
    const closed = await api('POST', `/api/v1/incidents/${key}/transition`, {
      version: 1,
      to: 'closed',
      closure: {
        outcome: 'resolved',
        summary: 'Appliance rebuilt, accounts reset',
        finalTypeId: 'intrusions/system-compromise',
      },
    });
    expect(closed.status).toBe(200);

    const page = await signedInPage(browser, server.url, `/incidents/${key}?tab=lessons`);
    const lessons = page.getByRole('region', { name: 'Lessons learned' });
    await lessons.getByLabel('What went well').fill('Isolation within the hour');
    await lessons.getByLabel('What went badly').fill('VPN logs were rotated after a day');
    await lessons.getByLabel('Detection', { exact: true }).fill('Alert on new admin sessions from abroad');
    await lessons.getByLabel('Response', { exact: true }).fill('Pre-approved isolation');
    await lessons.getByLabel('Organisation', { exact: true }).fill('No weekend on-call');
    await lessons.getByRole('button', { name: 'Save lessons' }).click();
    await lessons.getByText(`Saved by ${ADMIN.email}`).waitFor();

    const proposals = page.getByRole('region', { name: 'Improvement proposals' });
    await proposals.getByRole('button', { name: 'New proposal' }).click();
    let dialog = page.getByRole('dialog', { name: 'New improvement proposal' });
    await dialog.getByLabel('Title').fill('Keep VPN logs for 90 days');
    await dialog.getByLabel('Due date').fill('2027-01-31');
    await chooseOption(page, dialog, /^Playbook it changes/, 'Compromised account', 'Compromised');
    await dialog.getByRole('button', { name: 'Add' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await proposals.getByRole('button', { name: 'New proposal' }).click();
    dialog = page.getByRole('dialog', { name: 'New improvement proposal' });
    await dialog.getByLabel('Title').fill('Weekend on-call rota');
    await dialog.getByLabel('Procedure it changes').fill('https://wiki.example/on-call');
    await dialog.getByRole('button', { name: 'Add' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const table = proposals.getByRole('table', { name: 'Improvement proposals' });
    await table.getByText('Playbook: Compromised account').waitFor();
    await table.getByText('Weekend on-call rota').waitFor();

    // Before the review: the incident waits on the post-analysis page.
    const board = await signedInPage(browser, server.url, '/post-analysis');
    await board.getByRole('table', { name: 'Awaiting review' }).getByRole('link', { name: key }).waitFor();
    await board
      .getByRole('table', { name: 'Improvement board' })
      .getByText('Keep VPN logs for 90 days')
      .waitFor();

    await page.getByRole('button', { name: 'Mark review done' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Review done by ${ADMIN.email}` })
      .waitFor();
    await page.getByRole('button', { name: 'Mark review done' }).waitFor({ state: 'detached' });

    const incident = (await (await api('GET', `/api/v1/incidents/${key}`)).json()) as { phase: string };
    expect(incident.phase).toBe('post_analysis_done');
    const stored = (await (await api('GET', `/api/v1/incidents/${key}/improvements`)).json()) as {
      items: {
        title: string;
        dueDate: string | null;
        playbook: { name: string } | null;
        procedure: string;
      }[];
    };
    expect(stored.items).toEqual([
      expect.objectContaining({
        title: 'Keep VPN logs for 90 days',
        dueDate: '2027-01-31',
        playbook: expect.objectContaining({ name: 'Compromised account' }),
      }),
      expect.objectContaining({ title: 'Weekend on-call rota', procedure: 'https://wiki.example/on-call' }),
    ]);
    // Remediation stays open to work after the review, and shows on the post-analysis page.
    const remediation = page.getByRole('region', { name: 'Remediation' });
    await remediation.getByRole('button', { name: 'New remediation item' }).click();
    dialog = page.getByRole('dialog', { name: 'New remediation item' });
    await dialog.getByLabel('Title').fill('Patch the VPN appliance firmware');
    await dialog.getByRole('button', { name: 'Add' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await remediation.getByText('Patch the VPN appliance firmware').waitFor();
    await board
      .getByRole('table', { name: 'Open remediation' })
      .getByText('Patch the VPN appliance firmware')
      .waitFor();

    const pending = (await (await api('GET', '/api/v1/post-analysis')).json()) as { items: unknown[] };
    expect(pending.items).toEqual([]);
    await board.reload();
    await board.getByText('Every incident closed in this period has had its review.').waitFor();
  });
});
