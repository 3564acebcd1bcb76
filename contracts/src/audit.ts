import { z } from 'zod';
import { Timestamp } from './common.ts';

export const AuditEvent = z.object({
  seq: z.number().int(),
  at: Timestamp,
  actorId: z.string().nullable(),
  actorLabel: z.string(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  /**
   * Details sealed under an incident's data key: `open` while it lives; `shredded` once the incident was
   * destroyed under the retention policy (the details are gone; the entry still verifies).
   */
  sealed: z.enum(['open', 'shredded']).optional(),
  hash: z.string(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AuditQuery = z.object({
  /** Full-text search over action, actor and details. */
  q: z.string().trim().max(200).optional(),
  action: z.string().max(100).optional(),
  targetType: z.string().max(100).optional(),
  targetId: z.string().max(100).optional(),
  actorId: z.string().max(100).optional(),
  /** Return entries with a sequence number below this one (newest first). */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditPage = z.object({ items: z.array(AuditEvent), nextBefore: z.number().int().nullable() });
export type AuditPage = z.infer<typeof AuditPage>;

export const AuditVerification = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  /** The first entry that was altered, deleted or inserted. */
  firstBad: z.object({ seq: z.number().int(), reason: z.string() }).nullable(),
});
export type AuditVerification = z.infer<typeof AuditVerification>;
