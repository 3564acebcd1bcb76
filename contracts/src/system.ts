import { z } from 'zod';
import { Timestamp } from './common.ts';

export const Health = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  database: z.object({ dialect: z.enum(['sqlite', 'postgres']), ok: z.boolean(), latencyMs: z.number() }),
  time: Timestamp,
});
export type Health = z.infer<typeof Health>;

/** One live event on `/api/v1/events` (Server-Sent Events; the SSE `event:` field carries `type`). */
export const LiveEvent = z.object({
  id: z.string(),
  type: z.string(),
  at: Timestamp,
  data: z.record(z.string(), z.unknown()),
});
export type LiveEvent = z.infer<typeof LiveEvent>;

/** `GET /api/v1/system/config`, public: what the web app needs before anyone signs in. */
export const PublicConfig = z.object({
  /** The public report form at /report is on. */
  reportForm: z.boolean(),
  reportFormLimits: z.object({ maxAttachments: z.number().int(), maxTotalBytes: z.number().int() }),
});
export type PublicConfig = z.infer<typeof PublicConfig>;
