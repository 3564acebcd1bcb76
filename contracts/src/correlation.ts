import { z } from 'zod';
import { Timestamp } from './common.ts';
import { Tlp } from './identity.ts';
import { ReportSuggestion } from './incidents.ts';
import { ExtractedObservable } from './observables.ts';
import { Channel, ReportStatus } from './reports.ts';

/** A recent report (new or linked) sharing observables with a report: perhaps the same case. */
export const SimilarReport = z.object({
  id: z.string(),
  title: z.string(),
  channel: Channel,
  source: z.string(),
  status: ReportStatus,
  tlp: Tlp,
  receivedAt: Timestamp,
  lastSeenAt: Timestamp,
  seenCount: z.number().int(),
  constituency: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** The incident it is linked to, when you may see that incident. */
  incidentKey: z.string().nullable(),
  shared: z.array(ExtractedObservable),
});
export type SimilarReport = z.infer<typeof SimilarReport>;

export const SuggestionQuery = z.object({
  /** Reports seen this many days before or after the report count as recent. */
  days: z.coerce.number().int().min(1).max(90).default(7),
});

/** `items`: open incidents (as before); `reports`: recent similar reports, most overlap first. */
export const ReportSuggestions = z.object({
  items: z.array(ReportSuggestion),
  reports: z.array(SimilarReport),
});
export type ReportSuggestions = z.infer<typeof ReportSuggestions>;

export const SuggestionCountsQuery = z.object({
  /** Comma-separated report ids, e.g. those of one inbox page. */
  ids: z
    .string()
    .max(20_000)
    .transform((s) => [...new Set(s.split(',').filter(Boolean))])
    .pipe(z.array(z.string().max(100)).min(1).max(200)),
  days: SuggestionQuery.shape.days,
});

/** Per report: how many open incidents and recent reports are suggested (capped; see the API). */
export const SuggestionCounts = z.object({
  items: z.array(z.object({ id: z.string(), incidents: z.number().int(), reports: z.number().int() })),
});
export type SuggestionCounts = z.infer<typeof SuggestionCounts>;
