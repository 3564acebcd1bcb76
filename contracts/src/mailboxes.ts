import { z } from 'zod';
import { Timestamp } from './common.ts';

const Folder = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[^\r\n*%]+$/, 'must be a folder name without wildcards or line breaks');

/** An IMAP mailbox the poller reads reports from; processed mail is moved to `processedFolder`. */
export const MailboxInput = z
  .object({
    name: z.string().trim().min(1).max(100),
    host: z.string().trim().min(1).max(253),
    port: z.number().int().min(1).max(65535),
    /** implicit TLS (993), STARTTLS, or none (only sensible on loopback). */
    tls: z.enum(['implicit', 'starttls', 'none']),
    username: z.string().min(1).max(200),
    /** Write-only: never returned. Leave out on update to keep the stored one. */
    password: z.string().min(1).max(500).optional(),
    folder: Folder.default('INBOX'),
    processedFolder: Folder.default('Processed'),
    enabled: z.boolean().default(true),
  })
  .refine((m) => m.folder !== m.processedFolder, {
    path: ['processedFolder'],
    message: 'must differ from the folder that is read',
  });
export type MailboxInput = z.infer<typeof MailboxInput>;

export const Mailbox = z.object({
  id: z.string(),
  name: z.string(),
  host: z.string(),
  port: z.number().int(),
  tls: z.enum(['implicit', 'starttls', 'none']),
  username: z.string(),
  folder: z.string(),
  processedFolder: z.string(),
  enabled: z.boolean(),
  lastPolledAt: Timestamp.nullable(),
  /** The last poll's error, or null when it went through. */
  lastError: z.string().nullable(),
  /** Messages taken in by the last poll. */
  lastCount: z.number().int().nullable(),
  updatedAt: Timestamp,
  updatedBy: z.string(),
});
export type Mailbox = z.infer<typeof Mailbox>;

/** What one e-mail became. */
export const EmailOutcome = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('reports'), reportIds: z.array(z.string()) }),
  z.object({
    kind: z.literal('thread'),
    communicationId: z.string(),
    incidentKey: z.string().nullable(),
    reportId: z.string().nullable(),
  }),
]);
export type EmailOutcome = z.infer<typeof EmailOutcome>;

/** The result of polling a mailbox once (also the answer of "poll now" in the admin page). */
export const MailboxPollResult = z.object({
  taken: z.number().int(),
  failed: z.number().int(),
  error: z.string().nullable(),
});
export type MailboxPollResult = z.infer<typeof MailboxPollResult>;
