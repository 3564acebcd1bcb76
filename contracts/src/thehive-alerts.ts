import { z } from 'zod';

/*
 * TheHive's alert API, so tools integrated with TheHive can send to Firebreak unchanged: the v0 body
 * of TheHive 3/4 (`POST /api/alert`, `artifacts`) and the v1 body of TheHive 5 (`POST /api/v1/alert`,
 * `observables`). Fields Firebreak does not use (customFields, externalLink, caseTemplate, follow…)
 * are accepted and kept in the raw submission. Limits follow TheHive 5's OpenAPI where it sets them.
 */

const Tag = z.string().max(1024);

/*
 * TheHive reads a field sent as null as not sent (thehive4py 1.x and ElastAlert send `"message": null`,
 * `"caseTemplate": null`), and a number sent as a string of digits as that number (tools filling the
 * body from configuration strings). These read the same, so such senders are not refused.
 */
const absent = (v: unknown) => (v === null ? undefined : v);
const orNull = <T extends z.ZodType>(schema: T) => z.preprocess(absent, schema);
const DIGITS = /^\s*-?\d+(?:\.\d+)?\s*$/;
const toNumber = (v: unknown) => (typeof v === 'string' && DIGITS.test(v) ? Number(v) : v);
/** An integer in [min, max], also as a string of digits; null reads as absent. */
const int = (min: number, max: number) =>
  z.preprocess((v) => toNumber(absent(v)), z.number().int().min(min).max(max).optional());
/** The same, `fallback` when absent. */
const intOr = (min: number, max: number, fallback: number) =>
  z.preprocess((v) => toNumber(absent(v)), z.number().int().min(min).max(max).default(fallback));
// TheHive 3/4 also read a date written `yyyyMMdd'T'HHmmssZ` (elastic4play's DateAttributeFormat), as
// the Ruby client hachi passes it through: 20201212T101010+0100.
const COMPACT_DATE = /^\s*(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})([+-])(\d{2})(\d{2})\s*$/;
function compactDate(v: unknown): unknown {
  const m = typeof v === 'string' ? COMPACT_DATE.exec(v) : null;
  if (!m) return v;
  const [y, mo, d, h, mi, s, zh, zm] = [1, 2, 3, 4, 5, 6, 8, 9].map((i) => Number(m[i])) as number[] &
    [number, number, number, number, number, number, number, number];
  const at = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  // Refused (left as the string) rather than rolled over: 20201340 is no 9 February 2021.
  const exact =
    at.getUTCFullYear() === y &&
    at.getUTCMonth() === mo - 1 &&
    at.getUTCDate() === d &&
    at.getUTCHours() === h &&
    at.getUTCMinutes() === mi &&
    at.getUTCSeconds() === s &&
    zh <= 14 &&
    zm < 60;
  const offset = (m[7] === '-' ? -1 : 1) * (zh * 60 + zm) * 60_000;
  return exact ? at.getTime() - offset : v;
}

/*
 * A blank tag names nothing: tools that split an empty tag setting send `[""]` (Security Onion's
 * SOCtopus, n8n's first TheHive node), and TheHive 5 takes no tag shorter than one character. Dropped
 * after validation, so an error names the tag where it was sent.
 */
const TagList = z
  .array(Tag)
  .max(1000)
  .transform((list) => list.filter((t) => t.trim() !== ''));
/** Tags; null reads as absent. */
const tags = <T extends z.ZodType>(schema: T) => z.preprocess(absent, schema);

/** Milliseconds since the epoch; a fractional value (Python's `time.time() * 1000`) is cut to the ms. */
const millis = z.preprocess((v) => {
  const n = toNumber(compactDate(absent(v)));
  return typeof n === 'number' && Number.isFinite(n) ? Math.floor(n) : n;
}, z.number().int().min(0).max(8_640_000_000_000_000).optional());

/** A file already stored in TheHive, referred to by id; Firebreak records its name only. */
const StoredAttachment = z.object({
  name: z.string().max(1024),
  contentType: z.string().max(256).optional(),
  id: z.string().max(256).optional(),
});

/**
 * A file TheHive 3's MISP connector left in MISP, named in the alert artifacts it made (`filename`,
 * the MISP attribute as `reference`); TheHive 3 keeps alert artifacts as sent, so they come back.
 */
const RemoteAttachment = z.object({
  filename: z.string().trim().min(1).max(1024),
  reference: orNull(z.union([z.string().max(256), z.number()]).optional()),
  type: orNull(z.string().max(128).optional()),
});

/** The name of a multipart part holding the file, or a file already in TheHive (v1). */
const AttachmentRef = z.union([z.string().min(1).max(256), StoredAttachment]);

const artifactFields = {
  dataType: z.string().trim().min(1).max(64),
  message: orNull(z.string().max(1_048_576).optional()),
  tags: tags(TagList.optional()),
  tlp: int(0, 4),
  pap: int(0, 3),
  ioc: orNull(z.boolean().optional()),
  attachment: orNull(z.union([AttachmentRef, z.array(AttachmentRef).max(100)]).optional()),
  remoteAttachment: orNull(RemoteAttachment.optional()),
};

const needsData = (
  a: { data?: unknown; attachment?: unknown; remoteAttachment?: unknown },
  ctx: z.RefinementCtx,
) => {
  if (a.data === undefined && a.attachment === undefined && a.remoteAttachment === undefined)
    ctx.addIssue({ code: 'custom', path: ['data'], message: 'needs data or an attachment' });
};

/** A v0 artifact; a file travels inline as `filename;contentType;base64`. */
export const TheHiveArtifact = z
  .object({ ...artifactFields, data: orNull(z.string().optional()) })
  .superRefine(needsData);
export type TheHiveArtifact = z.infer<typeof TheHiveArtifact>;

/** A v1 observable; `data` may list several values of the same type. */
export const TheHiveObservable = z
  .object({
    ...artifactFields,
    data: orNull(z.union([z.string(), z.array(z.string()).max(1000)]).optional()),
  })
  .superRefine(needsData);
export type TheHiveObservable = z.infer<typeof TheHiveObservable>;

/** A TheHive 5 procedure: the ATT&CK technique an alert is linked to. */
const Procedure = z.object({
  patternId: z.string().trim().min(1).max(128),
  tactic: orNull(z.string().max(128).optional()),
  description: orNull(z.string().max(1_048_576).optional()),
  occurDate: millis,
});

const alertFields = {
  title: z.string().trim().min(1).max(512),
  description: z.string().max(1_048_576),
  type: z.string().trim().min(1).max(64),
  source: z.string().trim().min(1).max(100),
  sourceRef: z.string().trim().min(1).max(128),
  /** 0 clear, 1 green, 2 amber, 3 red. */
  pap: intOr(0, 3, 2),
  /** When the source raised it, in milliseconds since the epoch; defaults to now. */
  date: millis,
  tags: tags(TagList.default([])),
  /** Shown in the report's body; the raw submission keeps every field as sent. */
  externalLink: orNull(z.string().max(4096).optional()),
  summary: orNull(z.string().max(1_048_576).optional()),
  /** `{ name: { string: value, order } }` (v0 and v1) or `[{ name, value }]` (v1). */
  customFields: orNull(z.unknown().optional()),
  procedures: orNull(z.array(Procedure).max(1000).optional()),
};

/**
 * TheHive 3/4 `POST /api/alert`. TLP: 0 white, 1 green, 2 amber, 3 red; TheHive 3 also knew -1
 * (unknown) and severity 0 (not set), which older senders still send: they read as the defaults.
 */
export const TheHiveAlertV0 = z.object({
  ...alertFields,
  /** 1 low, 2 medium, 3 high, 4 critical; 0 not set. */
  severity: intOr(0, 4, 2),
  tlp: intOr(-1, 3, 2),
  artifacts: orNull(z.array(TheHiveArtifact).max(1000).default([])),
});
export type TheHiveAlertV0 = z.infer<typeof TheHiveAlertV0>;

/*
 * A TheHive 3/4 body sent to the TheHive 5 path names its observables `artifacts`; TheHive 5 would
 * ignore them, losing every indicator the tool sent. Read as observables when none are named.
 */
function artifactsAsObservables(v: unknown): unknown {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return v;
  const body = v as Record<string, unknown>;
  if (body.observables != null || !Array.isArray(body.artifacts)) return v;
  const { artifacts, ...rest } = body;
  // Its TLP is TheHive 3/4's too: 3 is RED (4 since 5.2), and -1 stood for the default.
  const tlp = toNumber(absent(rest.tlp));
  const v1Tlp = tlp === 3 ? 4 : tlp === -1 ? undefined : rest.tlp;
  return { ...rest, tlp: v1Tlp, observables: artifacts };
}

/** TheHive 5 `POST /api/v1/alert`. TLP since 5.2: 0 clear, 1 green, 2 amber, 3 amber+strict, 4 red. */
export const TheHiveAlertV1 = z.preprocess(
  artifactsAsObservables,
  z.object({
    ...alertFields,
    /** 1 low, 2 medium, 3 high, 4 critical. */
    severity: intOr(1, 4, 2),
    tlp: intOr(0, 4, 2),
    observables: orNull(z.array(TheHiveObservable).max(1000).default([])),
  }),
);
export type TheHiveAlertV1 = z.infer<typeof TheHiveAlertV1>;

/** An artifact or observable as the answer echoes it; a file shows its name and hashes, not its content. */
export const TheHiveArtifactOut = z.object({
  dataType: z.string(),
  data: z.string().optional(),
  attachment: z
    .object({
      name: z.string(),
      contentType: z.string(),
      size: z.number().int().optional(),
      /** SHA-256, SHA-1, MD5, as TheHive lists them. */
      hashes: z.array(z.string()),
      id: z.string(),
    })
    .optional(),
  message: z.string().optional(),
  tags: z.array(z.string()),
  tlp: z.number().int(),
  ioc: z.boolean(),
});
export type TheHiveArtifactOut = z.infer<typeof TheHiveArtifactOut>;

/** The created alert in TheHive's shape; `_id` and `id` are the Firebreak report's id. */
export const TheHiveAlertOut = z.object({
  _id: z.string(),
  id: z.string(),
  _type: z.string(),
  title: z.string(),
  description: z.string(),
  type: z.string(),
  source: z.string(),
  sourceRef: z.string(),
  severity: z.number().int(),
  tlp: z.number().int(),
  pap: z.number().int(),
  date: z.number().int(),
  tags: z.array(z.string()),
  status: z.string(),
  follow: z.boolean(),
  createdAt: z.number().int(),
  createdBy: z.string(),
  /** v0 only: the deprecated twin of createdBy, and the last synchronisation. */
  user: z.string().optional(),
  lastSyncDate: z.number().int().optional(),
  artifacts: z.array(TheHiveArtifactOut).optional(),
  /** v1 only. */
  _createdAt: z.number().int().optional(),
  _createdBy: z.string().optional(),
  severityLabel: z.string().optional(),
  tlpLabel: z.string().optional(),
  papLabel: z.string().optional(),
  stage: z.string().optional(),
  observableCount: z.number().int().optional(),
  observables: z.array(TheHiveArtifactOut).optional(),
  extraData: z.record(z.string(), z.unknown()).optional(),
  newDate: z.number().int().optional(),
  timeToDetect: z.number().int().optional(),
});
export type TheHiveAlertOut = z.infer<typeof TheHiveAlertOut>;

/** TheHive's error body (not problem+json): a duplicate answers `CreateError` like TheHive does. */
export const TheHiveError = z.object({ type: z.string(), message: z.string() });
export type TheHiveError = z.infer<typeof TheHiveError>;
