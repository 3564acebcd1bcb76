import { z } from 'zod';
import { Timestamp } from './common.ts';

/** Security tools whose own event format Firebreak reads: `POST /api/v1/intake/<source>`. */
export const TelemetrySource = z.enum(['suricata', 'wazuh', 'zeek']);
export type TelemetrySource = z.infer<typeof TelemetrySource>;

/** A dotted path to a field of an event, e.g. `alert.signature_id`. */
export const FieldPath = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(
    /^[A-Za-z0-9_@$-]+(?:\.[A-Za-z0-9_@$-]+)*$/,
    'must be a dotted field path such as alert.signature_id',
  );

/** Shortest and longest deduplication window: one minute, thirty days. */
export const FINGERPRINT_WINDOW_SECONDS = { min: 60, max: 30 * 24 * 3600 } as const;

/** Which fields of a source's events make their fingerprint, and for how long a fingerprint groups them. */
export const FingerprintRuleUpdate = z.object({
  fields: z
    .array(FieldPath)
    .min(1)
    .max(10)
    .refine((fields) => new Set(fields).size === fields.length, 'must not name a field twice'),
  /** An event joins the report with its fingerprint whose last sighting lies at most this far away. */
  windowSeconds: z.number().int().min(FINGERPRINT_WINDOW_SECONDS.min).max(FINGERPRINT_WINDOW_SECONDS.max),
});
export type FingerprintRuleUpdate = z.infer<typeof FingerprintRuleUpdate>;

export const FingerprintRule = FingerprintRuleUpdate.extend({
  source: z.string(),
  updatedAt: Timestamp,
  updatedBy: z.string(),
});
export type FingerprintRule = z.infer<typeof FingerprintRule>;

export const FingerprintRuleParams = z.object({ source: z.string().min(1).max(100) });

/** What became of the events of one telemetry submission; `received` is the sum of the other four. */
export const TelemetryResult = z.object({
  /** Events in the body (non-blank lines, or elements of a JSON array; in Zeek TSV the data lines). */
  received: z.number().int(),
  /** Events that became a new report. */
  created: z.number().int(),
  /** Events counted as a repetition of a report (same fingerprint within the window, or same sourceRef). */
  repeated: z.number().int(),
  /** Events of a kind that makes no report (Suricata flow, dns, stats… records; Zeek conn, dns… records). */
  ignored: z.number().int(),
  /** Events that could not be read; `line` is the line number, or the position in a JSON array (from 1). */
  errors: z.array(z.object({ line: z.number().int(), message: z.string() })),
});
export type TelemetryResult = z.infer<typeof TelemetryResult>;
