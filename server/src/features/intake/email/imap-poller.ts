import { ImapFlow } from 'imapflow';
import type { Logger } from 'pino';
import type { EmailOutcome, MailboxPollResult } from '#contracts/mailboxes.ts';
import type { MailboxConnection, MailboxService } from './mailbox.service.ts';

export interface ImapPollerDeps {
  mailboxes: Pick<MailboxService, 'connection' | 'recordPoll'>;
  /** Stores one message durably; only then is it moved out of the folder. */
  receive: (raw: Buffer, via: string) => Promise<EmailOutcome>;
  maxBytes: number;
  log: Logger;
  /** Messages taken per poll; the rest wait for the next one. */
  batch?: number;
}

function client(m: MailboxConnection): ImapFlow {
  return new ImapFlow({
    host: m.host,
    port: m.port,
    secure: m.tls === 'implicit',
    // STARTTLS must succeed when asked for: a stripped capability must not send the password in clear.
    doSTARTTLS: m.tls === 'starttls' ? true : m.tls === 'none' ? false : undefined,
    auth: { user: m.username, pass: m.password },
    logger: false,
    connectionTimeout: 15_000,
    greetingTimeout: 10_000,
    socketTimeout: 60_000,
    disableAutoIdle: true,
  });
}

const describe = (err: unknown) =>
  err instanceof Error
    ? [err.message, (err as { responseText?: string }).responseText].filter(Boolean).join(': ')
    : String(err);

/**
 * Reads each enabled mailbox: every message in its folder is stored, then moved to the processed
 * folder. A crash between the two leaves the message in place; the next poll finds it again and the
 * intake recognises it by its SHA-256, so nothing is lost and nothing registered twice.
 */
export function createImapPoller({ mailboxes, receive, maxBytes, log, batch = 200 }: ImapPollerDeps) {
  async function ensureFolder(imap: ImapFlow, folder: string): Promise<void> {
    const existing = await imap.list();
    if (!existing.some((f) => f.path === folder)) await imap.mailboxCreate(folder);
  }

  async function take(imap: ImapFlow, m: MailboxConnection): Promise<{ taken: number; failed: number }> {
    let taken = 0;
    let failed = 0;
    const lock = await imap.getMailboxLock(m.folder);
    try {
      const uids = (await imap.search({ all: true }, { uid: true })) || [];
      for (const uid of uids.slice(0, batch)) {
        const message = await imap.fetchOne(String(uid), { uid: true, size: true }, { uid: true });
        if (!message || (message.size ?? 0) > maxBytes) {
          failed++;
          log.warn(
            { mailbox: m.name, uid, size: message ? message.size : null },
            'e-mail too large, left in place',
          );
          continue;
        }
        const full = await imap.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
        if (!full || !full.source) continue;
        await receive(full.source, `imap:${m.name}`);
        await imap.messageMove(String(uid), m.processedFolder, { uid: true });
        taken++;
      }
    } finally {
      lock.release();
    }
    return { taken, failed };
  }

  // "Poll now" while the schedule polls the same mailbox joins that run instead of racing it for the messages.
  const running = new Map<string, Promise<MailboxPollResult>>();

  function poll(id: string): Promise<MailboxPollResult> {
    const inFlight = running.get(id);
    if (inFlight) return inFlight;
    const run = pollOnce(id).finally(() => running.delete(id));
    running.set(id, run);
    return run;
  }

  async function pollOnce(id: string): Promise<MailboxPollResult> {
    const m = await mailboxes.connection(id);
    if (!m) return { taken: 0, failed: 0, error: 'The mailbox is disabled' };
    const imap = client(m);
    // imapflow reports socket trouble as 'error' events; without a listener they would crash the process.
    imap.on('error', (err: unknown) => log.warn({ err, mailbox: m.name }, 'IMAP connection error'));
    let result: MailboxPollResult = { taken: 0, failed: 0, error: null };
    try {
      await imap.connect();
      await ensureFolder(imap, m.processedFolder);
      result = { ...(await take(imap, m)), error: null };
      await imap.logout();
    } catch (err) {
      result = { ...result, error: describe(err) };
      log.warn({ err, mailbox: m.name }, 'polling a mailbox failed');
      imap.close();
    }
    await mailboxes.recordPoll(id, result.taken, result.error);
    return result;
  }

  return { poll };
}

export type ImapPoller = ReturnType<typeof createImapPoller>;
