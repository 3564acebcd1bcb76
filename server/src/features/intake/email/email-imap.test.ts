import { readFileSync } from 'node:fs';
import { ImapFlow } from 'imapflow';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../../platform/testing/test-database.ts';
import { startTestImapServer, type TestImapServer } from '../../../testing/dovecot.ts';
import { createTestApp, type TestApp } from '../../../testing/test-app.ts';

const sample = (name: string) =>
  readFileSync(new URL(`../../../../../../shared/samples/email/${name}`, import.meta.url));

const SAMPLES = [
  'abuseio/feedback-loop/AOL_example_1.eml',
  'abuseio/spamexperts/2.eml',
  'abuseio/shadowserver/2019-01-06-scan_afp-sample-ip.csv.zip.eml',
];

describeEachDialect('e-mail intake from an IMAP mailbox', (dialect) => {
  let imap: TestImapServer;
  let t: TestApp;
  let admin: Record<string, string>;

  beforeAll(async () => {
    imap = await startTestImapServer();
  });
  afterAll(() => imap.stop());
  beforeEach(async () => {
    t = await createTestApp(dialect);
    admin = await t.login();
  });
  afterEach(() => t.close());

  /** A mail client of the reporters' side, delivering straight into the folder. */
  async function withClient<T>(run: (c: ImapFlow) => Promise<T>): Promise<T> {
    const c = new ImapFlow({
      host: imap.host,
      port: imap.port,
      secure: false,
      doSTARTTLS: false,
      auth: { user: imap.user, pass: imap.password },
      logger: false,
    });
    await c.connect();
    try {
      return await run(c);
    } finally {
      await c.logout();
    }
  }
  const count = (folder: string) =>
    withClient(async (c) => {
      const list = await c.list();
      if (!list.some((f) => f.path === folder)) return 0;
      const status = await c.status(folder, { messages: true });
      return status ? (status.messages ?? 0) : 0;
    });
  const clearFolders = () =>
    withClient(async (c) => {
      for (const f of await c.list()) {
        const lock = await c.getMailboxLock(f.path);
        try {
          await c.messageDelete('1:*');
        } catch {
          // An empty folder has nothing to delete.
        } finally {
          lock.release();
        }
      }
    });
  const addMailbox = (password = imap.password) =>
    t.request({
      method: 'POST',
      url: '/api/v1/intake/mailboxes',
      headers: admin,
      payload: {
        name: 'abuse@',
        host: imap.host,
        port: imap.port,
        tls: 'none',
        username: imap.user,
        password,
        folder: 'INBOX',
        processedFolder: 'Firebreak-done',
      },
    });
  const poll = (id: string) =>
    t.request({ method: 'POST', url: `/api/v1/intake/mailboxes/${id}/poll`, headers: admin });
  const reports = async () =>
    (await t.request({ method: 'GET', url: '/api/v1/reports?limit=100', headers: admin })).json().items as {
      channel: string;
      seenCount: number;
    }[];

  it('takes every message in, moves it to the processed folder, and never registers one twice', async () => {
    await clearFolders();
    await withClient(async (c) => {
      for (const name of SAMPLES) await c.append('INBOX', sample(name));
    });
    const mailbox = (await addMailbox()).json();
    expect(mailbox).not.toHaveProperty('password');
    expect(mailbox).not.toHaveProperty('passwordSealed');

    const first = (await poll(mailbox.id)).json();
    expect(first).toEqual({ taken: 3, failed: 0, error: null });
    expect(await count('INBOX')).toBe(0);
    expect(await count('Firebreak-done')).toBe(3);
    const taken = await reports();
    expect(taken.length).toBeGreaterThanOrEqual(3);
    expect(taken.every((r) => r.channel === 'email')).toBe(true);

    // A crash after storing but before moving: the message is still in the folder at the next poll.
    const again = sample(SAMPLES[0]!);
    await withClient((c) => c.append('INBOX', again));
    expect((await poll(mailbox.id)).json()).toEqual({ taken: 1, failed: 0, error: null });
    expect(await reports()).toHaveLength(taken.length);
    expect((await reports()).every((r) => r.seenCount === 1)).toBe(true);

    const listed = (
      await t.request({ method: 'GET', url: '/api/v1/intake/mailboxes', headers: admin })
    ).json();
    expect(listed.items[0]).toMatchObject({ lastCount: 1, lastError: null });
  });

  it('lets a second poll of the same mailbox join the one running instead of racing it', async () => {
    await clearFolders();
    await withClient((c) => c.append('INBOX', sample(SAMPLES[1]!)));
    const mailbox = (await addMailbox()).json();
    const [a, b] = await Promise.all([poll(mailbox.id), poll(mailbox.id)]);
    expect(a.json()).toEqual({ taken: 1, failed: 0, error: null });
    expect(b.json()).toEqual(a.json());
    const listed = (
      await t.request({ method: 'GET', url: '/api/v1/intake/mailboxes', headers: admin })
    ).json();
    expect(listed.items[0]).toMatchObject({ lastCount: 1, lastError: null });
  });

  it('records a failed login on the mailbox instead of failing the job', async () => {
    const mailbox = (await addMailbox('wrong-password')).json();
    const result = (await poll(mailbox.id)).json();
    expect(result.taken).toBe(0);
    expect(result.error).toMatch(/auth|fail|invalid/i);
    const listed = (
      await t.request({ method: 'GET', url: '/api/v1/intake/mailboxes', headers: admin })
    ).json();
    expect(listed.items[0].lastError).toBe(result.error);
  });

  it('keeps the password sealed and refuses anyone but admins', async () => {
    const mailbox = (await addMailbox()).json();
    const row = await t.db.db
      .selectFrom('mailboxes')
      .selectAll()
      .where('id', '=', mailbox.id)
      .executeTakeFirstOrThrow();
    expect(row.password_sealed).not.toContain(imap.password);
    const lead = await t.userWithRole('lead');
    const res = await t.request({ method: 'GET', url: '/api/v1/intake/mailboxes', headers: lead.headers });
    expect(res.statusCode).toBe(403);
    const bad = await t.request({
      method: 'POST',
      url: '/api/v1/intake/mailboxes',
      headers: admin,
      payload: {
        name: '',
        host: 'x',
        port: 0,
        tls: 'maybe',
        username: 'u',
        folder: 'A',
        processedFolder: 'A',
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['body.name', 'body.port', 'body.tls']),
    );
  });
});
