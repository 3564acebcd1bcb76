import { z } from 'zod';
import { Timestamp } from './common.ts';

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
  status: z.enum(['queued', 'sent', 'failed', 'received']),
  at: Timestamp,
  createdBy: z.string(),
});
export type Communication = z.infer<typeof Communication>;
