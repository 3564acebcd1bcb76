import { z } from 'zod';
import { Timestamp } from './common.ts';
import { Tlp } from './identity.ts';

/** A message to or from a party, logged on its incident (or on a report before an incident exists). */
export const Communication = z.object({
  id: z.string(),
  incidentKey: z.string().nullable(),
  reportId: z.string().nullable(),
  direction: z.enum(['inbound', 'outbound']),
  channel: z.literal('email'),
  messageId: z.string().nullable(),
  from: z.object({ name: z.string(), address: z.string() }),
  to: z.array(z.string()),
  subject: z.string(),
  body: z.string(),
  /** SHA-256 of the raw message, kept with the report files or evidence. */
  rawSha256: z.string().nullable(),
  /** Auto-replies, bounces and our own acknowledgements. */
  automated: z.boolean(),
  /** Left OpenPGP-encrypted (PGP/MIME). */
  encrypted: z.boolean(),
  status: z.enum(['queued', 'sent', 'failed', 'received']),
  at: Timestamp,
  createdBy: z.string(),
});
export type Communication = z.infer<typeof Communication>;

/**
 * A message to compose on an incident: to constituency contacts (by address) or free addresses, from a
 * template or free text. Subject and body may use the template variables; given, they override the
 * template's.
 */
export const ComposeMessage = z.object({
  to: z.array(z.string().trim().min(1).max(254)).min(1).max(50),
  templateId: z.string().max(100).nullable().default(null),
  subject: z.string().trim().max(300).optional(),
  body: z.string().max(100_000).optional(),
  /** Raises the message's marking above the incident's; it is never lower than the incident's. */
  tlp: Tlp.optional(),
});
export type ComposeMessage = z.infer<typeof ComposeMessage>;

export const PreviewRecipient = z.object({
  address: z.string(),
  /** The constituency contact's name, or empty for a free address. */
  name: z.string(),
  hasKey: z.boolean(),
});
export type PreviewRecipient = z.infer<typeof PreviewRecipient>;

/** The message as it would leave: subject with the incident key, body under the TLP banner. */
export const MessagePreview = z.object({
  subject: z.string(),
  body: z.string(),
  tlp: Tlp,
  recipients: z.array(PreviewRecipient),
  /** Every recipient has an OpenPGP key: the message leaves PGP/MIME encrypted. */
  encrypted: z.boolean(),
  /** Why it cannot be sent (e.g. TLP:RED to a recipient without a key), or null. */
  refusal: z.string().nullable(),
});
export type MessagePreview = z.infer<typeof MessagePreview>;
