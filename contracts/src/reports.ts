import { z } from 'zod';
import { Timestamp } from './common.ts';
import { Asset, Criticality } from './constituencies.ts';
import { Tlp } from './identity.ts';
import { ExtractedObservable, ObservableType } from './observables.ts';

export const Channel = z.enum(['email', 'phone', 'web_form', 'api', 'monitoring', 'other']);
export type Channel = z.infer<typeof Channel>;

/** How far the team trusts a reporter; shown beside the priority it helps to weigh. */
export const TrustLevel = z.enum(['unknown', 'low', 'medium', 'high']);
export type TrustLevel = z.infer<typeof TrustLevel>;

/** Permissible Actions Protocol: what the team may do with the information. */
export const Pap = z.enum(['clear', 'green', 'amber', 'red']);
export type Pap = z.infer<typeof Pap>;

/** How bad it is: a reporting tool's estimate on a report, the team's assessment on an incident. */
export const Severity = z.enum(['low', 'medium', 'high', 'critical']);
export type Severity = z.infer<typeof Severity>;

/** An observable the sender names explicitly; normalised like extracted ones, or refused when malformed. */
export const SentObservable = z.object({ type: ObservableType, value: z.string().trim().min(1).max(4096) });
export type SentObservable = z.infer<typeof SentObservable>;

export const Reporter = z.object({
  kind: z.enum(['person', 'organisation', 'tool']),
  name: z.string().trim().min(1).max(200),
  /** E-mail address, phone number or other way to reach them. */
  contact: z.string().trim().max(254).default(''),
  trust: TrustLevel.default('unknown'),
});
export type Reporter = z.infer<typeof Reporter>;

export const DiscardReason = z.enum([
  'not_an_incident',
  'duplicate',
  'false_positive',
  'out_of_constituency',
]);
export type DiscardReason = z.infer<typeof DiscardReason>;

export const ReportStatus = z.enum(['new', 'linked', 'discarded']);

/** The registration form of the ENISA guide. */
export const NewReport = z.object({
  channel: Channel,
  reporter: Reporter,
  /** When the team received it; defaults to now. */
  receivedAt: Timestamp.optional(),
  title: z.string().trim().min(1).max(300),
  /** The report as a handler reads it. */
  body: z.string().max(1_000_000),
  /** The submission exactly as received, kept unchanged with its SHA-256; defaults to the body. */
  raw: z.string().max(5_000_000).optional(),
  tlp: Tlp.default('amber'),
  pap: Pap.default('amber'),
  /** The sending tool or system (`manual` when a person registers it). */
  source: z.string().trim().min(1).max(100).default('manual'),
  /** The source's own id; sending the same (source, sourceRef) again counts a repetition instead. */
  sourceRef: z.string().trim().min(1).max(200).optional(),
  /** The sender's estimate, e.g. a monitoring tool's alert level. */
  severity: Severity.optional(),
  /** Observables the sender lists; merged with those extracted from title and body. */
  observables: z.array(SentObservable).max(1000).default([]),
});
export type NewReport = z.infer<typeof NewReport>;

/** Up to 1,000 reports at once, all written or (on any invalid one) none. */
export const ReportBatch = z.object({ reports: z.array(NewReport).min(1).max(1000) });
export type ReportBatch = z.infer<typeof ReportBatch>;

export const ReportBatchResult = z.object({
  items: z.array(z.object({ id: z.string(), repeated: z.boolean(), seenCount: z.number().int() })),
});
export type ReportBatchResult = z.infer<typeof ReportBatchResult>;

/** A file kept with a report, encrypted at rest: its raw submission or an attachment. */
export const ReportFile = z.object({
  role: z.enum(['raw', 'attachment']),
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
});
export type ReportFile = z.infer<typeof ReportFile>;

export const Report = z.object({
  id: z.string(),
  channel: Channel,
  reporter: Reporter,
  receivedAt: Timestamp,
  title: z.string(),
  body: z.string(),
  rawSha256: z.string(),
  rawSize: z.number().int(),
  tlp: Tlp,
  pap: Pap,
  severity: Severity.nullable(),
  status: ReportStatus,
  /** The incident it is linked to, when you may see that incident. */
  incidentKey: z.string().nullable(),
  discard: z.object({ reason: DiscardReason, note: z.string() }).nullable(),
  constituency: z.object({ id: z.string(), name: z.string(), criticality: Criticality }).nullable(),
  matchedBy: Asset.nullable(),
  source: z.string(),
  sourceRef: z.string().nullable(),
  /** How often the source sent it; repeats after the first only update the count and last time seen. */
  seenCount: z.number().int(),
  lastSeenAt: Timestamp,
  observables: z.array(ExtractedObservable),
  /**
   * Those of `observables` the sender or the intake format named (an ARF source, an alert's
   * addresses), as against those only found in the text; they decide the constituency first.
   */
  sentObservables: z.array(ExtractedObservable),
  /** Downloadable at `/reports/:id/raw` (role raw) and `/reports/:id/files/:sha256`. */
  files: z.array(ReportFile),
  /** What a parser could not read of the submission. */
  parseWarnings: z.array(z.string()),
  /** The reference the submitter of the public report form was given. */
  publicRef: z.string().nullable(),
  createdBy: z.string(),
  createdAt: Timestamp,
  version: z.number().int(),
});
export type Report = z.infer<typeof Report>;

export const ReportSummary = Report.omit({
  body: true,
  observables: true,
  sentObservables: true,
  files: true,
  parseWarnings: true,
}).extend({
  observableCount: z.number().int(),
});
export type ReportSummary = z.infer<typeof ReportSummary>;

export const ReportQuery = z.object({
  status: ReportStatus.optional(),
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const DiscardReport = z.object({
  reason: DiscardReason,
  note: z.string().trim().max(2000).default(''),
  version: z.number().int().positive(),
});
export type DiscardReport = z.infer<typeof DiscardReport>;

export const SightingsQuery = z.object({
  type: ObservableType,
  value: z.string().trim().min(1).max(2000),
});
export type SightingsQuery = z.infer<typeof SightingsQuery>;

/** Where and when an observable was seen, over the reports you may see. */
export const Sightings = z.object({
  type: ObservableType,
  value: z.string(),
  /** Reports carrying it, and how often their sources sent them (repeats included). */
  reports: z.number().int(),
  sightings: z.number().int(),
  firstSeen: Timestamp.nullable(),
  lastSeen: Timestamp.nullable(),
  sources: z.array(z.object({ source: z.string(), reports: z.number().int() })),
  /** Incidents those reports belong to, and incidents holding it as their own observable. */
  incidentKeys: z.array(z.string()),
});
export type Sightings = z.infer<typeof Sightings>;
