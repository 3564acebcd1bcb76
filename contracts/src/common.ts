import { z } from 'zod';

/** ISO-8601 UTC timestamp as the API writes it. */
export const Timestamp = z.iso.datetime({ offset: true });

/** RFC 9457 problem details, as every error response carries them. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  /** Stable machine-readable code, e.g. `validation_failed`, `not_found`. */
  code: z.string(),
  requestId: z.string().optional(),
  /** Every validation problem, each with the path of the offending field. */
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type Problem = z.infer<typeof Problem>;

/** A page of results with an opaque cursor for the next one. */
export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(200).optional(),
});

export const IdParam = z.object({ id: z.string().min(1).max(100) });
