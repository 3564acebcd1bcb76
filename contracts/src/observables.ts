import { z } from 'zod';
import { Tlp } from './identity.ts';

/** Kinds of observable Firebreak extracts and matches. */
export const ObservableType = z.enum([
  'ipv4',
  'ipv6',
  'cidr',
  'domain',
  'url',
  'email',
  'md5',
  'sha1',
  'sha256',
  'cve',
  'asn',
]);
export type ObservableType = z.infer<typeof ObservableType>;

/** A normalised observable: the value is in canonical form, so equal observables compare equal. */
export const ExtractedObservable = z.object({ type: ObservableType, value: z.string() });
export type ExtractedObservable = z.infer<typeof ExtractedObservable>;

export const ExtractRequest = z.object({ text: z.string().max(1_000_000) });
export const ExtractResponse = z.object({ items: z.array(ExtractedObservable) });

// ── Incident observables (issue 5 item 5) ──

const Tag = z.string().trim().min(1).max(64);

/** Where an incident's observable came from. */
export const ObservableSource = z.enum(['manual', 'extracted', 'report']);
export type ObservableSource = z.infer<typeof ObservableSource>;

export const Verdict = z.enum(['malicious', 'suspicious', 'benign', 'unknown', 'info']);
export type Verdict = z.infer<typeof Verdict>;

/** One analyzer's result for an observable, with when it was made (cached results are shown with their age). */
export const Enrichment = z.object({
  analyzer: z.string(),
  verdict: Verdict,
  summary: z.string(),
  details: z.record(z.string(), z.unknown()),
  analyzedAt: z.string(),
  expiresAt: z.string(),
  /** True when this answer came from the cache rather than a run just now. */
  cached: z.boolean(),
});
export type Enrichment = z.infer<typeof Enrichment>;

/** Other places an observable was seen, within what the reader may see. */
export const ObservableSightings = z.object({
  /** Other incidents holding it, directly or through their reports. */
  incidentKeys: z.array(z.string()),
  /** Reports carrying it that are not linked to this incident. */
  reports: z.number().int(),
  /** E.g. "seen in FB-2026-00012 and 3 reports", or "not seen elsewhere". */
  summary: z.string(),
});
export type ObservableSightings = z.infer<typeof ObservableSightings>;

/** An observable of an incident: its own (id set) merged with those of its linked reports. */
export const IncidentObservable = z.object({
  /** Null when it comes only from linked reports. */
  id: z.string().nullable(),
  type: ObservableType,
  value: z.string(),
  tags: z.array(z.string()),
  ioc: z.boolean(),
  tlp: Tlp,
  source: ObservableSource,
  addedBy: z.string().nullable(),
  addedAt: z.string().nullable(),
  /** Linked reports (in the reader's scope) that carry it. */
  reportIds: z.array(z.string()),
  sightings: ObservableSightings,
  enrichments: z.array(Enrichment),
});
export type IncidentObservable = z.infer<typeof IncidentObservable>;

export const IncidentObservableList = z.object({ items: z.array(IncidentObservable) });

export const NewIncidentObservable = z.object({
  type: ObservableType,
  value: z.string().trim().min(1).max(2000),
  tags: z.array(Tag).max(50).default([]),
  ioc: z.boolean().default(false),
  tlp: Tlp.default('amber'),
  source: ObservableSource.default('manual'),
});
export type NewIncidentObservable = z.input<typeof NewIncidentObservable>;

/** Many at once (from pasted text, after the preview): all or nothing. */
export const NewIncidentObservables = z.object({
  items: z.array(NewIncidentObservable).min(1).max(5000),
});

/** Paste text: `preview` answers what would be added, without writing. */
export const PasteObservables = z.object({
  text: z.string().min(1).max(1_000_000),
  tags: z.array(Tag).max(50).default([]),
  ioc: z.boolean().default(false),
  tlp: Tlp.default('amber'),
});

export const PastePreview = z.object({
  items: z.array(ExtractedObservable.extend({ exists: z.boolean() })),
});

export const IncidentObservableUpdate = z
  .object({ tags: z.array(Tag).max(50), ioc: z.boolean(), tlp: Tlp })
  .partial()
  .refine((u) => Object.keys(u).length > 0, 'Give tags, ioc or tlp');

export const IncidentObservableParams = z.object({
  key: z.string().min(1).max(64),
  id: z.string().min(1).max(100),
});

export const EnrichRequest = z.object({
  /** Which observables; all of the incident's when left out. */
  items: z.array(ExtractedObservable).max(500).optional(),
  /** Run again even when a cached result is still fresh. */
  force: z.boolean().default(false),
});

export const EnrichResponse = z.object({
  items: z.array(z.object({ type: ObservableType, value: z.string(), enrichments: z.array(Enrichment) })),
});

// ── Blocklists (admin) ──

export const BlocklistInput = z.object({
  name: z.string().trim().min(1).max(100),
  description: z.string().trim().max(2000).default(''),
  /** One IP, CIDR, domain, URL, e-mail or hash a line; `#` starts a comment. */
  entries: z.string().max(20_000_000),
});
export type BlocklistInput = z.input<typeof BlocklistInput>;

export const Blocklist = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  entryCount: z.number().int(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type Blocklist = z.infer<typeof Blocklist>;
