import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { Logger } from 'pino';

/** Who handed the message over: the SMTP envelope, which may differ from the headers. */
export interface SmtpEnvelope {
  mailFrom: string | null;
  rcptTo: string[];
  remoteAddress: string;
}

export interface SmtpListenerOptions {
  host: string;
  port: number;
  /** Larger messages are refused with 552 (RFC 5321 §4.5.3.1.10) after the SIZE advertised in EHLO. */
  maxBytes: number;
  /** PEM certificate and key: STARTTLS is offered only with them. */
  tls?: { cert: Buffer; key: Buffer } | undefined;
  log: Logger;
  /** Resolves once the message is stored: only then does the sender get 250. */
  onMessage(raw: Buffer, envelope: SmtpEnvelope): Promise<void>;
}

export interface SmtpListener {
  port: number;
  close(): Promise<void>;
}

type SmtpError = Error & { responseCode?: number };

function smtpError(message: string, responseCode: number): SmtpError {
  return Object.assign(new Error(message), { responseCode });
}

/** Reads the DATA stream to its end; past the limit it drains without keeping the bytes. */
async function readMessage(stream: SMTPServerDataStream, maxBytes: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= maxBytes) chunks.push(chunk);
  }
  return size > maxBytes || stream.sizeExceeded ? null : Buffer.concat(chunks);
}

/**
 * A receive-only SMTP server (no relaying, no AUTH). A message is acknowledged with 250 only after
 * `onMessage` stored it; a failure answers 451 so the sending MTA keeps it and tries again.
 */
export async function startSmtpListener(options: SmtpListenerOptions): Promise<SmtpListener> {
  const { log, maxBytes } = options;
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: options.tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    ...(options.tls ? { cert: options.tls.cert, key: options.tls.key } : {}),
    size: maxBytes,
    maxClients: 100,
    socketTimeout: 60_000,
    banner: 'Firebreak report intake',
    logger: false,
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (err?: Error | null) => void) {
      const envelope: SmtpEnvelope = {
        mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
        rcptTo: session.envelope.rcptTo.map((r) => r.address),
        remoteAddress: session.remoteAddress,
      };
      readMessage(stream, maxBytes)
        .then(async (raw) => {
          if (!raw) return callback(smtpError(`Message exceeds the size limit of ${maxBytes} bytes`, 552));
          await options.onMessage(raw, envelope);
          callback();
        })
        .catch((err: unknown) => {
          log.error({ err, remoteAddress: envelope.remoteAddress }, 'could not store an e-mail');
          callback(smtpError('Temporary failure storing the message, try again later', 451));
        });
    },
  });
  server.on('error', (err) => log.warn({ err }, 'SMTP listener error'));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.server.address() as { port: number };
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
