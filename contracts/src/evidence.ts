import { z } from 'zod';
import { Timestamp } from './common.ts';
import { Tlp } from './identity.ts';

/** The multipart part that carries the file; the acquisition fields must come before it. */
export const EVIDENCE_FILE_PART = 'file';

const text = (max: number) => z.string().trim().min(1, 'is required').max(max);

/**
 * How an item was acquired (ISO/IEC 27037, RFC 3227 §3): who, when, from which system, how, with
 * which tool. Sent as the multipart fields of an upload, before the file part.
 */
export const Acquisition = z.object({
  /** The person who acquired it (not necessarily the uploader). */
  acquiredBy: text(200),
  acquiredAt: Timestamp,
  /** The system or host it came from, e.g. `web-03 (10.0.4.17)`. */
  source: text(300),
  /** How, e.g. `volatile memory capture before power-off`. */
  method: text(300),
  tool: text(200),
  toolVersion: z.string().trim().max(100).optional(),
  description: z.string().trim().max(10_000).default(''),
  tlp: Tlp.default('amber'),
});
export type Acquisition = z.infer<typeof Acquisition>;

/** An item in the evidence locker. */
export const EvidenceItem = z.object({
  id: z.string(),
  incidentKey: z.string(),
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int().nonnegative(),
  sha256: z.string(),
  sha1: z.string(),
  md5: z.string(),
  acquiredBy: z.string(),
  acquiredAt: Timestamp,
  source: z.string(),
  method: z.string(),
  tool: z.string(),
  toolVersion: z.string().nullable(),
  description: z.string(),
  tlp: Tlp,
  createdBy: z.string(),
  createdAt: Timestamp,
});
export type EvidenceItem = z.infer<typeof EvidenceItem>;

export const CustodyAction = z.enum([
  'acquired',
  'transferred',
  'accessed',
  'exported',
  'verified',
  'returned',
  'disposed',
  'sealed',
]);
export type CustodyAction = z.infer<typeof CustodyAction>;

/** One link of an item's chain of custody; `hash` covers the entry and the previous hash. */
export const CustodyEntry = z.object({
  seq: z.number().int().positive(),
  at: Timestamp,
  actorId: z.string().nullable(),
  actorLabel: z.string(),
  action: CustodyAction,
  data: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
});
export type CustodyEntry = z.infer<typeof CustodyEntry>;

/** Custody actions that close an item's custody (checked before the incident closes). */
export const CLOSING_CUSTODY_ACTIONS = ['returned', 'disposed', 'sealed'] as const;

/**
 * A custody event recorded by hand: the item (or a copy) handed to someone, or its custody closed
 * (returned to its owner, disposed of, sealed in storage).
 */
export const CustodyTransfer = z.object({
  action: z.enum(['transferred', 'exported', ...CLOSING_CUSTODY_ACTIONS]),
  /** Who received it, e.g. `Det. Insp. Varga, NBI`. */
  to: text(300),
  note: z.string().trim().max(2000).default(''),
});
export type CustodyTransfer = z.infer<typeof CustodyTransfer>;

export const CustodyLog = z.object({
  item: EvidenceItem,
  entries: z.array(CustodyEntry),
});
export type CustodyLog = z.infer<typeof CustodyLog>;

/** The outcome of re-checking the custody chain and re-hashing the stored file. */
export const EvidenceVerification = z.object({
  ok: z.literal(true),
  chain: z.object({ entries: z.number().int() }),
  sha256: z.string(),
  sha1: z.string(),
  md5: z.string(),
  size: z.number().int(),
  at: Timestamp,
});
export type EvidenceVerification = z.infer<typeof EvidenceVerification>;
