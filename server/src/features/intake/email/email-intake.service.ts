import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { EmailOutcome } from '#contracts/mailboxes.ts';
import type { NewReport } from '#contracts/reports.ts';
import { systemActor, type Actor } from '../../../platform/auth/actor.ts';
import type { BlobStore } from '../../../platform/blobs/blob-store.ts';
import type { AcknowledgementConfig } from '../../../platform/config/acknowledgement-config.ts';
import { sha256Hex } from '../../../platform/crypto/secrets.ts';
import type { DatabaseHandle, Tx } from '../../../platform/db/database.ts';
import { transaction } from '../../../platform/db/transaction.ts';
import { DomainError } from '../../../platform/http/domain-error.ts';
import type { JobQueue } from '../../../platform/jobs/index.ts';
import type { CommunicationService, CommunicationStore, ThreadTarget } from '../../communications/index.ts';
import type { ConstituencyService } from '../../constituencies/index.ts';
import type { ReportFiles, ReportService } from '../../reports/index.ts';
import { acknowledgementDecision, oneLine, renderTemplate } from './acknowledgement.rules.ts';
import { SEND_ACKNOWLEDGEMENT } from './acknowledgement.job.ts';
import { automation } from './email-automation.rules.ts';
import { parseEmail, type ParsedEmail } from './email-message.rules.ts';
import { emailToDrafts, type EmailDraft } from './email-report.rules.ts';
import { splitByConstituency } from './shadowserver-split.ts';
import { normaliseMessageId, threadHints } from './email-thread.rules.ts';

/** How a message reached us: `smtp`, `imap:<mailbox>` or `cli`; the envelope sender when SMTP gave one. */
export interface EmailVia {
  channel: string;
  envelopeFrom?: string | null;
  /** False for a message imported from a file: its sender is not waiting for an answer now. */
  acknowledge?: boolean;
}

export interface EmailIntakeDeps {
  handle: DatabaseHandle;
  reports: Pick<ReportService, 'prepare' | 'write'>;
  communications: Pick<CommunicationService, 'recordInbound' | 'recordOutbound'>;
  threads: Pick<
    CommunicationStore,
    | 'findThread'
    | 'incidentIdByKey'
    | 'incidentRef'
    | 'threadOfReportRef'
    | 'automatedSentTo'
    | 'rememberMessageId'
  >;
  constituencies: Pick<ConstituencyService, 'matchObservables'>;
  jobs: JobQueue;
  blobs: BlobStore;
  acknowledgement: AcknowledgementConfig;
  /** Our sending address; without one (no relay configured) nobody is acknowledged. */
  mailFrom: string | null;
  log: Logger;
  now: () => Date;
}

const bare = (id: string | null | undefined) => (id ? normaliseMessageId(id) || null : null);

/**
 * The same message reaching us twice (two aliases, a resend) counts as a repetition; a different
 * message reusing a Message-ID, as some reporting tools' templates do, is a report of its own.
 */
function distinguished(draft: EmailDraft): EmailDraft {
  const digest = sha256Hex(`${draft.input.title}\n${draft.input.body}`).slice(0, 16);
  const ref = draft.input.sourceRef ?? '';
  return { ...draft, input: { ...draft.input, sourceRef: `${ref.slice(0, 180)}~${digest}` } };
}

/**
 * Takes one e-mail in: a reply to a known thread becomes an inbound communication there, anything
 * else one report per draft (Shadowserver mails one per constituency). Everything a message
 * becomes, its receipt and its acknowledgement job commit together or not at all.
 */
export function createEmailIntake(deps: EmailIntakeDeps) {
  const { handle, reports, communications, threads, jobs, log, now } = deps;
  const { db } = handle;

  async function receive(raw: Buffer, via: EmailVia): Promise<EmailOutcome> {
    const rawSha256 = sha256Hex(raw);
    const known = await receipt(rawSha256);
    if (known) return known;
    const actor = systemActor(`email:${via.channel}`);
    const parsed = await parseEmail(raw);
    const target = await threadOf(parsed);
    if (target) return thread(actor, parsed, target, raw, rawSha256);
    return register(actor, parsed, raw, rawSha256, via);
  }

  async function receipt(rawSha256: string): Promise<EmailOutcome | null> {
    const row = await db
      .selectFrom('mail_receipts')
      .select('outcome')
      .where('raw_sha256', '=', rawSha256)
      .executeTakeFirst();
    return row ? (JSON.parse(row.outcome) as EmailOutcome) : null;
  }

  async function keepReceipt(tx: Tx, rawSha256: string, outcome: EmailOutcome): Promise<void> {
    await tx
      .insertInto('mail_receipts')
      .values({ raw_sha256: rawSha256, outcome: JSON.stringify(outcome), received_at: now().toISOString() })
      .execute();
  }

  /** An incident key in the subject wins; then a report reference; then In-Reply-To and References. */
  async function threadOf(parsed: ParsedEmail): Promise<ThreadTarget | null> {
    const hints = threadHints(parsed);
    for (const key of hints.incidentKeys) {
      const incidentId = await threads.incidentIdByKey(db, key);
      if (incidentId) return { incidentId, reportId: null };
    }
    for (const ref of hints.reportRefs) {
      const found = await threads.threadOfReportRef(db, ref);
      if (found) return found;
    }
    return threads.findThread(db, hints.messageIds);
  }

  async function thread(
    actor: Actor,
    parsed: ParsedEmail,
    target: ThreadTarget,
    raw: Buffer,
    rawSha256: string,
  ) {
    // Stored before the transaction, as report files are: a rollback leaves at most an orphan blob.
    const rawKeyId = await deps.blobs.keys.forPurpose(`mail:${now().toISOString().slice(0, 7)}`);
    await deps.blobs.put(rawKeyId, raw);
    return transaction(db, async (tx, onCommit) => {
      const communicationId = await communications.recordInbound(tx, onCommit, actor, target, {
        messageId: bare(parsed.messageId),
        from: parsed.from ?? { name: '', address: '' },
        to: parsed.to,
        subject: parsed.subject ?? '(no subject)',
        body: parsed.text.slice(0, 1_000_000),
        rawSha256,
        rawKeyId,
        automated: automation(parsed).automated,
        at: parsed.date ?? now().toISOString(),
      });
      const incidentKey = target.incidentId ? (await threads.incidentRef(tx, target.incidentId)).key : null;
      const outcome: EmailOutcome = {
        kind: 'thread',
        communicationId,
        incidentKey,
        reportId: target.reportId,
      };
      await keepReceipt(tx, rawSha256, outcome);
      return outcome;
    });
  }

  async function register(actor: Actor, parsed: ParsedEmail, raw: Buffer, rawSha256: string, via: EmailVia) {
    const drafts = (await expand(emailToDrafts(parsed, now()))).map(distinguished);
    const files = (d: EmailDraft): ReportFiles => ({
      raw: { bytes: raw, contentType: 'message/rfc822' },
      attachments: d.attachments.map((a) => ({
        filename: a.filename ?? 'attachment',
        contentType: a.contentType,
        bytes: a.bytes,
      })),
      warnings: d.warnings,
    });
    const prepared = await Promise.all(drafts.map((d) => prepareLeniently(actor, d, files(d))));
    const ack = await acknowledgementFor(parsed, via);
    return transaction(db, async (tx, onCommit) => {
      const ids: string[] = [];
      for (const p of prepared) ids.push((await reports.write(tx, onCommit, actor, p)).id);
      const messageId = bare(parsed.messageId);
      const first = { reportId: ids[0]!, incidentId: null };
      if (messageId) await threads.rememberMessageId(tx, messageId, first, now().toISOString());
      if (ack) await queueAcknowledgement(tx, actor, first, parsed, ack);
      const outcome: EmailOutcome = { kind: 'reports', reportIds: [...new Set(ids)] };
      await keepReceipt(tx, rawSha256, outcome);
      return outcome;
    });
  }

  /** Shadowserver rows are split per constituency, so each constituency's handler gets their own report. */
  async function expand(drafts: EmailDraft[]): Promise<EmailDraft[]> {
    const out: EmailDraft[] = [];
    for (const d of drafts)
      out.push(...(d.shadowserverRows?.length ? await splitByConstituency(d, deps.constituencies) : [d]));
    return out;
  }

  /** A sender's wrong Date header or a malformed observable must not lose the mail: keep it, with a warning. */
  async function prepareLeniently(actor: Actor, draft: EmailDraft, files: ReportFiles) {
    try {
      return await reports.prepare(actor, draft.input, 'email', files, { publicRef: true });
    } catch (err) {
      if (!(err instanceof DomainError) || err.kind !== 'invalid') throw err;
      const input: NewReport = { ...draft.input, receivedAt: undefined, observables: [] };
      const warnings = [...(files.warnings ?? []), `Fields dropped: ${err.message}`];
      return reports.prepare(actor, input, 'email', { ...files, warnings }, { publicRef: true });
    }
  }

  async function acknowledgementFor(parsed: ParsedEmail, via: EmailVia) {
    const config = deps.acknowledgement;
    const from = parsed.from?.address.toLowerCase() ?? '';
    if (!config.enabled || !deps.mailFrom || via.acknowledge === false) return null;
    const since = new Date(now().getTime() - 3600_000).toISOString();
    const decision = acknowledgementDecision({
      from,
      envelopeFrom: via.envelopeFrom,
      automatedReasons: automation(parsed).reasons,
      ownAddress: deps.mailFrom,
      sentLastHour: from ? await threads.automatedSentTo(db, from, since) : 0,
      maxPerHour: config.maxPerSenderPerHour,
    });
    if (!decision.send) {
      log.info({ reason: decision.reason }, 'e-mail report not acknowledged');
      return null;
    }
    return { to: parsed.replyTo[0] ?? from };
  }

  async function queueAcknowledgement(
    tx: Tx,
    actor: Actor,
    target: { reportId: string; incidentId: null },
    parsed: ParsedEmail,
    ack: { to: string },
  ) {
    const report = await tx
      .selectFrom('reports')
      .select(['public_ref', 'received_at'])
      .where('id', '=', target.reportId)
      .executeTakeFirstOrThrow();
    const config = deps.acknowledgement;
    const vars = {
      reference: report.public_ref ?? target.reportId,
      subject: oneLine(parsed.subject ?? '(no subject)'),
      receivedAt: new Date(report.received_at).toISOString(),
      team: config.team,
    };
    const domain = deps.mailFrom!.split('@')[1] ?? 'firebreak.invalid';
    const messageId = `${randomUUID()}@${domain}`;
    const communicationId = await communications.recordOutbound(tx, actor, target, {
      messageId,
      from: { name: config.team, address: deps.mailFrom! },
      to: [ack.to],
      subject: oneLine(renderTemplate(config.subject, vars), 300),
      body: renderTemplate(config.text, vars),
      automated: true,
    });
    const original = bare(parsed.messageId);
    await jobs.enqueue(
      SEND_ACKNOWLEDGEMENT,
      {
        communicationId,
        inReplyTo: original,
        references: [...parsed.references.map(bare), original].filter(Boolean),
      },
      { maxAttempts: 5 },
      tx,
    );
  }

  return { receive };
}

export type EmailIntake = ReturnType<typeof createEmailIntake>;
