import nodemailer from 'nodemailer';
import { simpleParser } from 'mailparser';
import * as openpgp from 'openpgp';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createLogger } from '../../platform/log/logger.ts';
import { createMailer } from '../../platform/mail/mailer.ts';
import type { SmtpListener } from '../../platform/mail/smtp-listener.ts';
import { describeEachDialect } from '../../platform/testing/test-database.ts';
import { startSmtpSink, type SmtpSink } from '../../testing/smtp-sink.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { createIncidentStore } from '../incidents/index.ts';
import { communicationJobs, SEND_ATTEMPTS, SEND_COMMUNICATION } from './communication-send.job.ts';
import { createCommunicationStore } from './communication.store.ts';

async function keyPair(email: string) {
  const { publicKey, privateKey } = await openpgp.generateKey({
    userIDs: [{ name: 'Contact', email }],
    format: 'armored',
  });
  return { publicKey, privateKey };
}

describeEachDialect('composing and sending communications', (dialect) => {
  let t: TestApp;
  let admin: Record<string, string>;
  let relay: SmtpSink;
  let smtp: SmtpListener;
  let jobs: { stop(): Promise<void> };
  let bob: { publicKey: string; privateKey: string };

  beforeEach(async () => {
    relay = await startSmtpSink();
    t = await createTestApp(dialect, {
      FIREBREAK_SMTP_PORT: '0',
      FIREBREAK_MAIL_RELAY_URL: relay.url,
      FIREBREAK_MAIL_FROM: 'cert@firebreak.test',
      FIREBREAK_JOB_POLL_MS: '50',
    });
    admin = await t.login();
    smtp = (await t.features.email.startSmtp())!;
    jobs = await t.features.startJobs(true);
    bob ??= await keyPair('bob@hospital.example');
  });
  afterEach(async () => {
    await jobs.stop();
    await smtp.close();
    await relay.close();
    await t.close();
  });

  const post = (url: string, payload: unknown, headers = admin) =>
    t.request({ method: 'POST', url, headers, payload: payload as object });
  const get = (url: string) => t.request({ method: 'GET', url, headers: admin });

  async function incident(tlp: string) {
    const hospital = (
      await post('/api/v1/constituencies', {
        name: `City Hospital ${tlp}`,
        criticality: 'high',
        contacts: [
          { name: 'Bob Keyholder', email: 'bob@hospital.example', pgpKey: bob.publicKey },
          { name: 'Carol Plain', email: 'carol@hospital.example', audience: 'descriptive' },
        ],
      })
    ).json<{ id: string }>();
    const res = await post('/api/v1/incidents', {
      title: 'Phishing kit on the hospital web server',
      summary: 'A phishing kit imitating the hospital login page.',
      constituencyId: hospital.id,
      tlp,
    });
    expect(res.statusCode).toBe(201);
    return res.json<{ key: string; id: string }>();
  }

  const communicationRows = () => t.db.db.selectFrom('communications').selectAll().execute();
  const sentJobs = () =>
    t.db.db.selectFrom('jobs').select('id').where('kind', '=', 'communications.send').execute();

  async function waitForStatus(key: string, status: string) {
    for (let i = 0; i < 200; i++) {
      const items = (await get(`/api/v1/incidents/${key}/communications`)).json().items;
      if (items[0]?.status === status) return items[0];
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`never ${status}`);
  }

  it('sends to a contact with a key PGP/MIME-encrypted; the private key decrypts it', async () => {
    const inc = await incident('red');
    const input = { to: ['bob@hospital.example'], templateId: 'seed-notify-technical-en' };
    const preview = (await post(`/api/v1/incidents/${inc.key}/communications/preview`, input)).json();
    expect(preview).toMatchObject({ tlp: 'red', encrypted: true, refusal: null });
    expect(preview.recipients).toEqual([
      { address: 'bob@hospital.example', name: 'Bob Keyholder', hasKey: true },
    ]);
    expect(preview.subject).toBe(`[${inc.key}] Security incident affecting City Hospital red`);
    expect(preview.body.startsWith('TLP:RED\n\nHello Bob Keyholder,')).toBe(true);

    const res = await post(`/api/v1/incidents/${inc.key}/communications`, input);
    expect(res.statusCode).toBe(201);
    const queued = res.json();
    expect(queued).toMatchObject({ direction: 'outbound', status: 'queued', encrypted: true });
    await relay.waitFor(1);
    const sent = await waitForStatus(inc.key, 'sent');
    expect(sent.messageId).toBe(queued.messageId);

    const wire = relay.messages[0]!;
    expect(wire.rcptTo).toEqual(['bob@hospital.example']);
    expect(wire.parsed.subject).toBe(preview.subject);
    expect(wire.parsed.messageId).toBe(`<${queued.messageId}>`);
    expect(wire.parsed.headers.get('content-type')).toMatchObject({
      value: 'multipart/encrypted',
      params: expect.objectContaining({ protocol: 'application/pgp-encrypted' }),
    });
    // Nothing of the content travels in clear.
    expect(wire.raw.toString()).not.toContain('Phishing kit');
    expect(wire.raw.toString()).not.toContain('TLP:RED\r\n');
    const armored = wire.parsed.attachments.find((a) => a.contentType === 'application/octet-stream')!;
    const decrypted = await openpgp.decrypt({
      message: await openpgp.readMessage({ armoredMessage: armored.content.toString() }),
      decryptionKeys: await openpgp.readPrivateKey({ armoredKey: bob.privateKey }),
    });
    const inner = await simpleParser(decrypted.data as string);
    expect(inner.text?.trimEnd()).toBe(preview.body.trimEnd());
    expect(inner.text).toContain('Phishing kit on the hospital web server');

    // Recorded: on the timeline, audited, the composed plaintext kept encrypted at rest.
    const timeline = (await get(`/api/v1/incidents/${inc.key}/timeline`)).json().items;
    expect(timeline.map((e: { text: string }) => e.text)).toContainEqual(
      expect.stringContaining('E-mail to bob@hospital.example (TLP:RED, OpenPGP-encrypted)'),
    );
    const audit = await t.db.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'communication.sent')
      .execute();
    expect(audit).toHaveLength(1);
    const row = (await communicationRows())[0]!;
    const kept = await t.runtime.blobs.get(row.raw_key_id!, row.raw_sha256!);
    expect((await simpleParser(kept)).text).toContain('Phishing kit on the hospital web server');
  }, 60_000);

  it('refuses TLP:RED to a contact without a key, naming them; nothing is recorded or sent', async () => {
    const inc = await incident('red');
    const input = {
      to: ['bob@hospital.example', 'carol@hospital.example'],
      subject: 'Update',
      body: 'Details.',
    };
    const preview = (await post(`/api/v1/incidents/${inc.key}/communications/preview`, input)).json();
    expect(preview.encrypted).toBe(false);
    expect(preview.refusal).toContain('carol@hospital.example');
    const res = await post(`/api/v1/incidents/${inc.key}/communications`, input);
    expect(res.statusCode).toBe(400);
    const problem = res.json();
    expect(problem.code).toBe('recipients_without_key');
    expect(problem.detail).toContain('TLP:RED');
    expect(problem.detail).toContain('carol@hospital.example');
    expect(problem.detail).not.toContain('bob@hospital.example');
    // A message may not be marked below its incident to get round this.
    const lowered = await post(`/api/v1/incidents/${inc.key}/communications`, { ...input, tlp: 'clear' });
    expect(lowered.json().code).toBe('recipients_without_key');
    expect(await communicationRows()).toHaveLength(0);
    expect(await sentJobs()).toHaveLength(0);
    expect(relay.messages).toHaveLength(0);
  });

  it("fills {{observables}} with the incident's own observables, none marked above the message", async () => {
    const inc = await incident('green');
    for (const [value, tlp] of [
      ['198.51.100.7', 'green'],
      ['203.0.113.66', 'red'],
    ])
      expect(
        (await post(`/api/v1/incidents/${inc.key}/observables`, { type: 'ipv4', value, tlp })).statusCode,
      ).toBe(201);
    const input = { to: ['bob@hospital.example'], subject: 'Indicators', body: 'Seen:\n{{observables}}' };
    const green = (await post(`/api/v1/incidents/${inc.key}/communications/preview`, input)).json();
    expect(green.body).toContain('ipv4: 198.51.100.7');
    expect(green.body).not.toContain('203.0.113.66');
    const red = (
      await post(`/api/v1/incidents/${inc.key}/communications/preview`, { ...input, tlp: 'red' })
    ).json();
    expect(red.body).toContain('ipv4: 198.51.100.7');
    expect(red.body).toContain('ipv4: 203.0.113.66');
  });

  it('refuses an unknown template variable at save and at preview, naming it', async () => {
    const inc = await incident('amber');
    const template = {
      name: 'Broken',
      audience: 'technical',
      language: 'en',
      subject: 'About {{incident.key}} {{incident.colour}}',
      body: 'Hello {{ recipient.nickname }}, {{observables}}',
    };
    const saved = await post('/api/v1/message-templates', template);
    expect(saved.statusCode).toBe(400);
    expect(saved.json()).toMatchObject({ code: 'unknown_template_variable' });
    expect(saved.json().errors).toEqual([
      { path: 'subject', message: 'unknown variable {{incident.colour}}' },
      { path: 'body', message: 'unknown variable {{recipient.nickname}}' },
    ]);
    const names = (await get('/api/v1/message-templates')).json().items.map((x: { name: string }) => x.name);
    expect(names).not.toContain('Broken');

    const preview = await post(`/api/v1/incidents/${inc.key}/communications/preview`, {
      to: ['carol@hospital.example'],
      subject: template.subject,
      body: template.body,
    });
    expect(preview.statusCode).toBe(400);
    expect(preview.json().errors).toHaveLength(2);

    // A good template saves, and a handler may use but not write templates.
    const good = await post('/api/v1/message-templates', {
      ...template,
      subject: 'About {{incident.key}}',
      body: 'Hi',
    });
    expect(good.statusCode).toBe(201);
    const handler = await t.userWithRole('handler');
    expect(
      (await post('/api/v1/message-templates', { ...template, name: 'x' }, handler.headers)).statusCode,
    ).toBe(403);
  });

  it('threads a reply quoting our Message-ID onto the incident', async () => {
    const inc = await incident('amber');
    const res = await post(`/api/v1/incidents/${inc.key}/communications`, {
      to: ['carol@hospital.example', 'noc@isp.example'],
      subject: 'Please check {{observables}}',
      body: 'Hello {{recipient.name}}, please look into {{incident.title}}.',
    });
    expect(res.statusCode).toBe(201);
    const out = res.json();
    expect(out.encrypted).toBe(false);
    await relay.waitFor(1);
    const wire = relay.messages[0]!;
    expect(wire.rcptTo).toEqual(['carol@hospital.example', 'noc@isp.example']);
    expect(wire.parsed.text).toMatch(/^TLP:AMBER\n\nHello Carol Plain, please look into Phishing kit/);
    await waitForStatus(inc.key, 'sent');

    // The reply drops the key from the subject: only In-Reply-To ties it to us.
    const client = nodemailer.createTransport({
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      ignoreTLS: true,
    });
    try {
      await client.sendMail({
        envelope: { from: 'noc@isp.example', to: ['cert@firebreak.test'] },
        raw: Buffer.from(
          [
            'From: ISP NOC <noc@isp.example>',
            'To: cert@firebreak.test',
            'Subject: Re: your request',
            'Message-ID: <reply-1@isp.example>',
            `In-Reply-To: <${out.messageId}>`,
            'MIME-Version: 1.0',
            'Content-Type: text/plain; charset=utf-8',
            '',
            'Taken down.',
            '',
          ].join('\r\n'),
        ),
      });
    } finally {
      client.close();
    }
    const thread = (await get(`/api/v1/incidents/${inc.key}/communications`)).json().items;
    expect(thread.map((c: { direction: string; messageId: string }) => [c.direction, c.messageId])).toEqual([
      ['outbound', out.messageId],
      ['inbound', 'reply-1@isp.example'],
    ]);
  }, 30_000);

  it('marks a message failed, on the thread and the timeline, when the relay refuses it to the last attempt', async () => {
    await jobs.stop();
    jobs = { stop: () => Promise.resolve() };
    const inc = await incident('amber');
    const out = (
      await post(`/api/v1/incidents/${inc.key}/communications`, {
        to: ['carol@hospital.example'],
        subject: 'Hello',
        body: 'Text.',
      })
    ).json();
    const job = await t.db.db
      .selectFrom('jobs')
      .select('payload')
      .where('kind', '=', SEND_COMMUNICATION)
      .executeTakeFirstOrThrow();
    // A relay that is not there: the port of the sink, closed.
    const closed = await startSmtpSink();
    await closed.close();
    const [handler] = communicationJobs({
      handle: t.db,
      blobs: t.runtime.blobs,
      events: t.runtime.events,
      store: createCommunicationStore(),
      incidents: createIncidentStore(t.runtime.search),
      mailer: createMailer(closed.url, 'cert@firebreak.test'),
      now: () => new Date(),
    });
    const ctx = (attempt: number) => ({
      jobId: 'j',
      attempt,
      signal: new AbortController().signal,
      log: createLogger('silent'),
    });
    await expect(handler!.run(JSON.parse(job.payload), ctx(1))).rejects.toThrow();
    expect((await get(`/api/v1/incidents/${inc.key}/communications`)).json().items[0].status).toBe('queued');
    await expect(handler!.run(JSON.parse(job.payload), ctx(SEND_ATTEMPTS))).rejects.toThrow();
    const [failed] = (await get(`/api/v1/incidents/${inc.key}/communications`)).json().items;
    expect(failed).toMatchObject({ id: out.id, status: 'failed' });
    const timeline = (await get(`/api/v1/incidents/${inc.key}/timeline`)).json().items;
    expect(timeline.map((e: { text: string }) => e.text)).toContainEqual(
      expect.stringMatching(/^E-mail to carol@hospital.example could not be sent: /),
    );
    expect(relay.messages).toHaveLength(0);
  });

  it('refuses bad addresses, viewers, other scopes, merged incidents and a missing relay', async () => {
    const inc = await incident('green');
    const bad = await post(`/api/v1/incidents/${inc.key}/communications`, {
      to: ['not-an-address'],
      subject: 'x',
      body: 'y',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([{ path: 'to.0', message: 'not-an-address is not an e-mail address' }]);
    const message = { to: ['carol@hospital.example'], subject: 'x', body: 'y' };
    const viewer = await t.userWithRole('viewer');
    expect(
      (await post(`/api/v1/incidents/${inc.key}/communications`, message, viewer.headers)).statusCode,
    ).toBe(403);
    const elsewhere = await t.userWithRole('handler', { scope: { constituencies: [] } });
    expect(
      (await post(`/api/v1/incidents/${inc.key}/communications`, message, elsewhere.headers)).statusCode,
    ).toBe(404);
    const survivor = (await post('/api/v1/incidents', { title: 'Main case' })).json();
    const source = (await get(`/api/v1/incidents/${inc.key}`)).json();
    const merged = await post(`/api/v1/incidents/${survivor.key}/merge`, {
      version: survivor.version,
      sources: [{ key: inc.key, version: source.version }],
    });
    expect(merged.statusCode).toBe(200);
    const late = await post(`/api/v1/incidents/${inc.key}/communications`, message);
    expect(late.json()).toMatchObject({ code: 'incident_merged' });
    expect(await communicationRows()).toHaveLength(0);
    const bare = await createTestApp(dialect);
    try {
      const headers = await bare.login();
      const c = await bare.request({
        method: 'POST',
        url: '/api/v1/incidents',
        headers,
        payload: { title: 'No relay', tlp: 'green' },
      });
      const sent = await bare.request({
        method: 'POST',
        url: `/api/v1/incidents/${c.json().key}/communications`,
        headers,
        payload: { to: ['a@example.org'], subject: 'x', body: 'y' },
      });
      expect(sent.statusCode).toBe(409);
      expect(sent.json()).toMatchObject({ code: 'mail_relay_missing' });
    } finally {
      await bare.close();
    }
  });
});
