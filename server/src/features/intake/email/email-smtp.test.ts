import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nodemailer from 'nodemailer';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { sha256Hex } from '../../../platform/crypto/secrets.ts';
import type { SmtpListener } from '../../../platform/mail/smtp-listener.ts';
import { describeEachDialect } from '../../../platform/testing/test-database.ts';
import { startSmtpSink, type SmtpSink } from '../../../testing/smtp-sink.ts';
import { createTestApp, type TestApp } from '../../../testing/test-app.ts';

const samples = fileURLToPath(new URL('../../../../../../shared/samples/email/', import.meta.url));

function emlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? emlFiles(file) : name.endsWith('.eml') ? [file] : [];
  });
}

const mail = (headers: Record<string, string>, body: string) =>
  Buffer.from(
    `${Object.entries(headers)
      .map(([k, v]) => `${k}: ${v}`)
      .join('\r\n')}\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${body}\r\n`,
  );

describeEachDialect('e-mail intake over SMTP', (dialect) => {
  let t: TestApp;
  let admin: Record<string, string>;
  let smtp: SmtpListener;
  let relay: SmtpSink;
  let jobs: { stop(): Promise<void> };
  let hospital: { id: string };

  beforeEach(async () => {
    relay = await startSmtpSink();
    t = await createTestApp(dialect, {
      FIREBREAK_SMTP_PORT: '0',
      FIREBREAK_SMTP_MAX_BYTES: String(2 * 1024 * 1024),
      FIREBREAK_MAIL_RELAY_URL: relay.url,
      FIREBREAK_MAIL_FROM: 'cert@firebreak.test',
      FIREBREAK_JOB_POLL_MS: '50',
    });
    admin = await t.login();
    hospital = (
      await t.request({
        method: 'POST',
        url: '/api/v1/constituencies',
        headers: admin,
        payload: {
          name: 'City Hospital',
          criticality: 'high',
          assets: [{ kind: 'cidr', value: '192.0.2.0/24' }],
        },
      })
    ).json();
    smtp = (await t.features.email.startSmtp())!;
    jobs = await t.features.startJobs(true);
  });
  afterEach(async () => {
    await jobs.stop();
    await smtp.close();
    await relay.close();
    await t.close();
  });

  const send = async (raw: Buffer, from = 'reporter@example.org') => {
    const client = nodemailer.createTransport({
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      ignoreTLS: true,
    });
    try {
      return await client.sendMail({ envelope: { from, to: ['cert@firebreak.test'] }, raw });
    } finally {
      client.close();
    }
  };
  const receipt = async (raw: Buffer) =>
    t.db.db
      .selectFrom('mail_receipts')
      .select('outcome')
      .where('raw_sha256', '=', sha256Hex(raw))
      .executeTakeFirst();
  const get = (url: string) => t.request({ method: 'GET', url, headers: admin });

  it('takes every real sample in without an error, each kept byte for byte', async () => {
    const files = emlFiles(samples);
    expect(files.length).toBeGreaterThan(80);
    const seen = new Set<string>();
    for (const file of files) {
      const info = await send(readFileSync(file));
      expect(info.response, file).toMatch(/^250/);
      // SMTP turns bare LF into CRLF: the message as received is what is kept, so find its receipt.
      const receipts = await t.db.db.selectFrom('mail_receipts').selectAll().execute();
      const fresh = receipts.filter((r) => !seen.has(r.raw_sha256));
      expect(fresh, file).toHaveLength(1);
      seen.add(fresh[0]!.raw_sha256);
      const outcome = JSON.parse(fresh[0]!.outcome);
      expect(outcome.kind, file).toBe('reports');
      const report = (await get(`/api/v1/reports/${outcome.reportIds[0]}`)).json();
      expect(report.channel, file).toBe('email');
      expect(report.title.length, file).toBeGreaterThan(0);
      const stored = await get(`/api/v1/reports/${report.id}/raw`);
      expect(sha256Hex(stored.rawPayload), file).toBe(fresh[0]!.raw_sha256);
      expect(report.rawSha256, file).toBe(fresh[0]!.raw_sha256);
    }
  }, 240_000);

  it('matches the constituency, acknowledges the reporter with the reference, and threads the reply', async () => {
    const raw = mail(
      {
        From: 'Alice Doe <alice@example.org>',
        To: 'cert@firebreak.test',
        Subject: 'Scanning from 192.0.2.44',
        'Message-ID': '<scan-1@example.org>',
        Date: 'Mon, 02 Mar 2026 10:00:00 +0000',
      },
      'Our IDS saw SSH brute force from 192.0.2.44 against our servers.',
    );
    await send(raw, 'alice@example.org');
    const { reportIds } = JSON.parse((await receipt(raw))!.outcome);
    const report = (await get(`/api/v1/reports/${reportIds[0]}`)).json();
    expect(report.constituency.id).toBe(hospital.id);
    expect(report.observables).toContainEqual(expect.objectContaining({ type: 'ipv4', value: '192.0.2.44' }));
    expect(report.reporter).toMatchObject({ name: 'Alice Doe', contact: 'alice@example.org' });
    expect(report.publicRef).toMatch(/^R-/);

    await relay.waitFor(1);
    const ack = relay.messages[0]!;
    expect(ack.rcptTo).toEqual(['alice@example.org']);
    expect(ack.parsed.subject).toContain(report.publicRef);
    expect(ack.parsed.text).toContain(report.publicRef);
    expect(ack.parsed.inReplyTo).toBe('<scan-1@example.org>');
    expect(ack.parsed.headers.get('auto-submitted')).toBe('auto-replied');

    // The reporter answers the acknowledgement before anyone opened an incident: it stays with the report.
    const early = mail(
      {
        From: 'alice@example.org',
        Subject: `Re: ${ack.parsed.subject}`,
        'Message-ID': '<scan-2@example.org>',
        'In-Reply-To': ack.parsed.messageId!,
      },
      'Logs attached later.',
    );
    await send(early);
    const onReport = (await get(`/api/v1/reports/${report.id}/communications`)).json().items;
    expect(onReport.map((c: { direction: string }) => c.direction)).toEqual(['outbound', 'inbound']);

    const incident = (
      await t.request({
        method: 'POST',
        url: '/api/v1/incidents',
        headers: admin,
        payload: { title: 'SSH brute force', reportIds: [report.id] },
      })
    ).json();
    // A reply by Message-ID, and one by the key in the subject, both land on the incident.
    await send(
      mail(
        {
          From: 'alice@example.org',
          Subject: 'Re: more',
          'Message-ID': '<scan-3@example.org>',
          References: '<scan-1@example.org>',
        },
        'Still ongoing.',
      ),
    );
    await send(
      mail(
        {
          From: 'isp@example.net',
          Subject: `Re: [${incident.key}] abuse`,
          'Message-ID': '<isp-1@example.net>',
        },
        'Blocked.',
      ),
    );
    const thread = (await get(`/api/v1/incidents/${incident.key}/communications`)).json().items;
    expect(thread.map((c: { messageId: string }) => c.messageId)).toEqual([
      'scan-3@example.org',
      'isp-1@example.net',
    ]);
    // Each inbound message is kept, encrypted, under its SHA-256.
    for (const c of await t.db.db
      .selectFrom('communications')
      .selectAll()
      .where('direction', '=', 'inbound')
      .execute())
      expect(sha256Hex(await t.runtime.blobs.get(c.raw_key_id!, c.raw_sha256!))).toBe(c.raw_sha256);
    const timeline = (await get(`/api/v1/incidents/${incident.key}/timeline`)).json().items;
    expect(timeline.filter((e: { kind: string }) => e.kind === 'communication')).toHaveLength(2);
    expect(relay.messages).toHaveLength(1);
    // Someone limited to another constituency sees neither thread.
    const other = (
      await t.request({
        method: 'POST',
        url: '/api/v1/constituencies',
        headers: admin,
        payload: { name: 'Other', criticality: 'low', assets: [{ kind: 'cidr', value: '203.0.113.0/24' }] },
      })
    ).json();
    const outsider = await t.userWithRole('handler', { scope: { constituencies: [other.id] } });
    const inbound = thread[0].id as string;
    const download = await get(`/api/v1/communications/${inbound}/raw`);
    expect(download.headers['content-disposition']).toMatch(/^attachment/);
    expect(sha256Hex(download.rawPayload)).toBe(thread[0].rawSha256);
    for (const url of [
      `/api/v1/communications/${inbound}/raw`,
      `/api/v1/incidents/${incident.key}/communications`,
      `/api/v1/reports/${report.id}/communications`,
    ])
      expect((await t.request({ method: 'GET', url, headers: outsider.headers })).statusCode).toBe(404);
    const reports = (await get('/api/v1/reports?limit=50')).json().items;
    expect(reports).toHaveLength(1);
  });

  it('splits a Shadowserver report into one report per constituency its rows name', async () => {
    const isp = (
      await t.request({
        method: 'POST',
        url: '/api/v1/constituencies',
        headers: admin,
        payload: {
          name: 'Telecom',
          criticality: 'medium',
          assets: [
            { kind: 'cidr', value: '79.0.0.0/8' },
            { kind: 'cidr', value: '84.3.0.0/16' },
          ],
        },
      })
    ).json();
    const raw = readFileSync(
      path.join(samples, 'abuseio/shadowserver/2015-01-01-scan_snmp-sample-asn.csv.zip.eml'),
    );
    await send(raw, 'autoreports@shadowserver.org');
    const items = (await get('/api/v1/reports?limit=50')).json().items as { id: string }[];
    const all = await Promise.all(items.map(async (r) => (await get(`/api/v1/reports/${r.id}`)).json()));
    const mine = all.find((r) => r.constituency?.id === isp.id);
    const rest = all.find((r) => r.constituency === null);
    expect(all).toHaveLength(2);
    expect(mine.observables.map((o: { value: string }) => o.value)).toEqual(
      expect.arrayContaining(['79.2.242.16', '84.3.91.88']),
    );
    expect(mine.observables.map((o: { value: string }) => o.value)).not.toContain('129.113.21.93');
    expect(rest.body).toContain('129.113.21.93');
    expect(mine.source).toBe('shadowserver');
    // Both keep the whole mail.
    expect(mine.rawSha256).toBe(rest.rawSha256);
  });

  it('never acknowledges automatic mail, and at most three times an hour per sender', async () => {
    await send(
      mail(
        { From: 'robot@example.org', Subject: 'Out of office', 'Auto-Submitted': 'auto-replied' },
        'Away.',
      ),
    );
    await send(mail({ From: 'list@example.org', Subject: 'Digest', Precedence: 'bulk' }, 'News.'));
    await send(mail({ From: 'MAILER-DAEMON@example.org', Subject: 'Undeliverable' }, 'Bounce.'));
    for (let i = 0; i < 5; i++)
      await send(
        mail(
          { From: 'loop@example.org', Subject: `Report ${i}`, 'Message-ID': `<loop-${i}@example.org>` },
          `n ${i}`,
        ),
      );
    // A message imported from a file (firebreak import email) is not answered either.
    const imported = await t.features.email.intake.receive(
      Buffer.from(mail({ From: 'archive@example.org', Subject: 'Old report' }, 'From the archive.')),
      { channel: 'cli', acknowledge: false },
    );
    expect(imported.kind).toBe('reports');
    await relay.waitFor(3);
    await new Promise((r) => setTimeout(r, 500));
    expect(relay.messages.map((m) => m.rcptTo[0])).toEqual([
      'loop@example.org',
      'loop@example.org',
      'loop@example.org',
    ]);
  });

  it('recognises a redelivered message, refuses an oversized one with 552 and keeps serving', async () => {
    const raw = mail({ From: 'a@example.org', Subject: 'Once', 'Message-ID': '<once@example.org>' }, 'x');
    await send(raw);
    await send(raw);
    expect((await get('/api/v1/reports')).json().items).toHaveLength(1);
    expect((await get('/api/v1/reports')).json().items[0].seenCount).toBe(1);

    const big = mail({ From: 'a@example.org', Subject: 'Big' }, 'y'.repeat(3 * 1024 * 1024));
    await expect(send(big)).rejects.toMatchObject({ responseCode: 552 });
    const bomb = Buffer.from(
      `From: a@example.org\r\nSubject: Bomb\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n${'--b\r\nContent-Type: text/plain\r\n\r\nx\r\n'.repeat(20_000)}--b--\r\n`,
    );
    await send(bomb);
    const stored = JSON.parse((await receipt(bomb))!.outcome);
    const report = (await get(`/api/v1/reports/${stored.reportIds[0]}`)).json();
    expect(report.parseWarnings.join(' ')).toMatch(/part/i);
    expect((await send(mail({ From: 'a@example.org', Subject: 'After' }, 'still here'))).response).toMatch(
      /^250/,
    );
  });
});
