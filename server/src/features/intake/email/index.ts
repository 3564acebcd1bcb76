import { readFileSync } from 'node:fs';
import type { ZodApp } from '../../../platform/http/app.ts';
import type { JobHandler } from '../../../platform/jobs/index.ts';
import { createMailer } from '../../../platform/mail/mailer.ts';
import { startSmtpListener, type SmtpListener } from '../../../platform/mail/smtp-listener.ts';
import type { Runtime } from '../../../platform/runtime.ts';
import type { CommunicationService, CommunicationStore } from '../../communications/index.ts';
import type { ConstituencyService } from '../../constituencies/index.ts';
import type { ReportService } from '../../reports/index.ts';
import { acknowledgementJobs } from './acknowledgement.job.ts';
import { createEmailIntake } from './email-intake.service.ts';
import { createImapPoller } from './imap-poller.ts';
import { mailboxJobs, mailboxSchedules } from './mailbox.jobs.ts';
import { mailboxRoutes } from './mailbox.routes.ts';
import { createMailboxService } from './mailbox.service.ts';
import { createMailboxStore } from './mailbox.store.ts';

export { createEmailIntake, type EmailIntake } from './email-intake.service.ts';

export interface EmailFeatureDeps {
  runtime: Runtime;
  reports: Pick<ReportService, 'prepare' | 'write'>;
  communications: Pick<CommunicationService, 'recordInbound' | 'recordOutbound'>;
  threads: CommunicationStore;
  constituencies: Pick<ConstituencyService, 'matchObservables'>;
}

/** E-mail intake: the SMTP listener, IMAP mailboxes and their poller, and acknowledgements. */
export function createEmailFeature({
  runtime,
  reports,
  communications,
  threads,
  constituencies,
}: EmailFeatureDeps) {
  const { handle, audit, jobs, blobs, config, log, now } = runtime;
  const mailer = createMailer(config.mailRelayUrl, config.mailFrom);
  const intake = createEmailIntake({
    handle,
    reports,
    communications,
    threads,
    constituencies,
    jobs,
    blobs,
    acknowledgement: config.acknowledgement,
    mailFrom: mailer ? mailer.from : null,
    log: log.child({ component: 'email' }),
    now,
  });
  let poll: ReturnType<typeof createImapPoller>['poll'] = () => Promise.reject(new Error('not ready'));
  const mailboxes = createMailboxService({
    handle,
    audit,
    store: createMailboxStore(),
    keys: blobs.keys,
    now,
    poll: (id) => poll(id),
  });
  const poller = createImapPoller({
    mailboxes,
    receive: (raw, channel) => intake.receive(raw, { channel }),
    maxBytes: config.smtpMaxBytes,
    log: log.child({ component: 'imap' }),
  });
  poll = poller.poll;

  const jobHandlers: JobHandler<any>[] = [
    ...mailboxJobs(mailboxes, poller, jobs),
    ...acknowledgementJobs(handle, mailer),
  ];

  /** The SMTP listener when FIREBREAK_SMTP_PORT is set; loopback unless FIREBREAK_SMTP_HOST says otherwise. */
  async function startSmtp(): Promise<SmtpListener | null> {
    if (config.smtpPort === undefined) return null;
    const tls =
      config.smtpTlsCertFile && config.smtpTlsKeyFile
        ? { cert: readFileSync(config.smtpTlsCertFile), key: readFileSync(config.smtpTlsKeyFile) }
        : undefined;
    return startSmtpListener({
      host: config.smtpHost,
      port: config.smtpPort,
      maxBytes: config.smtpMaxBytes,
      tls,
      log: log.child({ component: 'smtp' }),
      onMessage: async (raw, envelope) => {
        await intake.receive(raw, { channel: 'smtp', envelopeFrom: envelope.mailFrom ?? '' });
      },
    });
  }

  return {
    intake,
    mailboxes,
    poller,
    jobHandlers,
    schedules: mailboxSchedules,
    startSmtp,
    routes: (app: ZodApp) => mailboxRoutes(app, mailboxes),
    close: () => mailer?.close(),
  };
}

export type EmailFeature = ReturnType<typeof createEmailFeature>;
