import nodemailer from 'nodemailer';

/** One outbound message; `messageId` is chosen by the caller so replies can be threaded before it is sent. */
export interface OutboundMail {
  to: string[];
  subject: string;
  text: string;
  messageId: string;
  inReplyTo?: string | undefined;
  references?: string[] | undefined;
  headers?: Record<string, string>;
}

export interface Mailer {
  from: string;
  send(mail: OutboundMail): Promise<void>;
  /** Sends a message composed already (e.g. PGP/MIME), byte for byte, to the envelope recipients. */
  sendRaw(to: string[], raw: Buffer): Promise<void>;
  close(): void;
}

/** Sends through the configured relay; without a relay and sender address there is no mailer. */
export function createMailer(relayUrl: string | undefined, from: string | undefined): Mailer | null {
  if (!relayUrl || !from) return null;
  const transport = nodemailer.createTransport(relayUrl);
  return {
    from,
    async send(mail) {
      await transport.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        messageId: `<${mail.messageId}>`,
        ...(mail.inReplyTo ? { inReplyTo: `<${mail.inReplyTo}>` } : {}),
        ...(mail.references?.length ? { references: mail.references.map((r) => `<${r}>`) } : {}),
        headers: mail.headers ?? {},
      });
    },
    async sendRaw(to, raw) {
      await transport.sendMail({ envelope: { from, to }, raw });
    },
    close: () => transport.close(),
  };
}
