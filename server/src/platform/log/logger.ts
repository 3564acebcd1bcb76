import pino, { type Logger } from 'pino';

/** Fields never written to logs: credentials and victim-identifying request bodies. */
const redact = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.token',
  '*.secret',
  '*.csrfToken',
  '*.masterKey',
  'body',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    { level, redact: { paths: redact, censor: '[redacted]' }, base: { app: 'firebreak' } },
    destination,
  );
}
