import { z } from 'zod';
import { Timestamp } from './common.ts';
import { ObservableType } from './observables.ts';
import { Severity } from './reports.ts';
import { FieldPath, FingerprintRuleUpdate } from './telemetry.ts';

/** A webhook source's name, the last segment of its URL: lower-case letters, digits, `-` and `_`. */
export const WebhookSourceName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'must be 1–63 lower-case letters, digits, - or _');

export const WebhookSourceParams = z.object({ source: WebhookSourceName });

/**
 * How a posted body is read: `json` (an object, an array of objects, or JSON lines), or `syslog`
 * (one log line per event, read into `syslog.*` for the header, `message`, `cef.*`/`leef.*` and
 * `fields.*` for CEF, LEEF, JSON or key=value messages, `columns.N` for comma-separated ones).
 */
export const WebhookFormat = z.enum(['json', 'syslog']);
export type WebhookFormat = z.infer<typeof WebhookFormat>;

/** Where in a posted event each report field is read, as dotted paths. */
export const WebhookMapping = z.object({
  format: WebhookFormat.default('json'),
  /** One path, or several tried in order (events of a stream differ): the first one present is the title. */
  title: z.union([FieldPath, z.array(FieldPath).min(1).max(5)]),
  severity: z
    .object({
      path: FieldPath,
      /** The source's own values (`P1`, `5`) as severities; without it, low|medium|high|critical are taken as sent. */
      values: z.record(z.string().min(1).max(100), Severity).optional(),
    })
    .optional(),
  /** The event's own id: a repeat of it counts on the first report instead of making another. */
  sourceRef: FieldPath.optional(),
  /** When it happened (ISO 8601, or epoch seconds or milliseconds); the time of arrival when absent. */
  receivedAt: FieldPath.optional(),
  /** A path may hold one value or an array of values; values that are no valid observable are skipped. */
  observables: z
    .array(z.object({ type: ObservableType, path: FieldPath }))
    .max(50)
    .default([]),
});
export type WebhookMapping = z.infer<typeof WebhookMapping>;

/** An HTTP header name (RFC 9110 token). */
const HeaderName = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9!#$%&'*+.^_`|~-]{1,100}$/, 'must be an HTTP header name');

/** How a source proves its posts: a bearer token, or an HMAC-SHA256 signature of the raw body in a header. */
export const WebhookAuthUpdate = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('token'),
    /** Issue a new token even though the source has one. */
    rotate: z.boolean().default(false),
  }),
  z.object({
    kind: z.literal('hmac'),
    header: HeaderName.default('x-hub-signature-256'),
    /** Text before the hex digest in the header, e.g. `sha256=` (GitHub); may be empty. */
    prefix: z.string().max(20).default('sha256='),
    /** The shared secret; generated when absent on creation, kept when absent on a change. */
    secret: z.string().min(16).max(200).optional(),
    /** Generate a new secret even though the source has one. */
    rotate: z.boolean().default(false),
  }),
]);
export type WebhookAuthUpdate = z.infer<typeof WebhookAuthUpdate>;

export const WebhookSourceUpdate = z.object({
  mapping: WebhookMapping,
  auth: WebhookAuthUpdate,
  /** Groups repeated events into one report; none by default. */
  fingerprint: FingerprintRuleUpdate.nullable().default(null),
});
export type WebhookSourceUpdate = z.infer<typeof WebhookSourceUpdate>;

export const WebhookAuth = z.discriminatedUnion('kind', [
  /** `tokenPrefix` identifies the token; the token itself is stored only as its SHA-256. */
  z.object({ kind: z.literal('token'), tokenPrefix: z.string() }),
  z.object({ kind: z.literal('hmac'), header: z.string(), prefix: z.string() }),
]);
export type WebhookAuth = z.infer<typeof WebhookAuth>;

/** A configured webhook source, without its secret. */
export const WebhookSource = z.object({
  source: WebhookSourceName,
  mapping: WebhookMapping,
  auth: WebhookAuth,
  fingerprint: FingerprintRuleUpdate.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  updatedBy: z.string(),
});
export type WebhookSource = z.infer<typeof WebhookSource>;

/** The answer to a create or change: `secret` is the new token or HMAC secret, shown this once, else null. */
export const SavedWebhookSource = WebhookSource.extend({ secret: z.string().nullable() });
export type SavedWebhookSource = z.infer<typeof SavedWebhookSource>;
