import { z } from 'zod';
import { Timestamp } from './common.ts';

/** How critical a constituency is to the team; with severity it sets an incident's priority. */
export const Criticality = z.enum(['critical', 'high', 'medium', 'low']);
export type Criticality = z.infer<typeof Criticality>;

export const AssetKind = z.enum(['cidr', 'domain', 'asn', 'keyword']);
export type AssetKind = z.infer<typeof AssetKind>;

/** One asset as entered; the server checks and normalises the value for its kind. */
export const Asset = z.object({ kind: AssetKind, value: z.string().trim().min(1).max(255) });
export type Asset = z.infer<typeof Asset>;

export const ContactAudience = z.enum(['technical', 'descriptive']);

export const Contact = z.object({
  name: z.string().trim().min(1).max(200),
  role: z.string().trim().max(100).default(''),
  email: z.email().max(254),
  /** BCP 47 language tag, e.g. `en`, `de-AT`. */
  language: z
    .string()
    .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as en or de-AT')
    .default('en'),
  audience: ContactAudience.default('technical'),
  /** ASCII-armoured OpenPGP public key. */
  pgpKey: z
    .string()
    .max(100_000)
    .refine(
      (k) => k === '' || k.includes('BEGIN PGP PUBLIC KEY BLOCK'),
      'must be an ASCII-armoured OpenPGP public key',
    )
    .default(''),
  /** Whether the team may reveal this contact's identity to third parties. */
  mayDisclose: z.boolean().default(false),
});
export type Contact = z.infer<typeof Contact>;

const fields = {
  name: z.string().trim().min(1).max(200),
  criticality: Criticality,
  description: z.string().max(5000),
  assets: z.array(Asset).max(100_000),
  contacts: z.array(Contact).max(500),
};

export const ConstituencyInput = z.object({
  ...fields,
  description: fields.description.default(''),
  assets: fields.assets.default([]),
  contacts: fields.contacts.default([]),
});
export type ConstituencyInput = z.infer<typeof ConstituencyInput>;

/**
 * A change names only what changes (no defaults: an absent list is kept, not emptied) and carries
 * the version the user saw; a stale one is refused with 409.
 */
export const ConstituencyUpdate = z.object(fields).partial().extend({ version: z.number().int().positive() });
export type ConstituencyUpdate = z.infer<typeof ConstituencyUpdate>;

export const Constituency = z.object({
  id: z.string(),
  name: z.string(),
  criticality: Criticality,
  description: z.string(),
  assets: z.array(Asset),
  contacts: z.array(Contact),
  version: z.number().int(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Constituency = z.infer<typeof Constituency>;

export const ConstituencySummary = Constituency.omit({ assets: true, contacts: true }).extend({
  assetCount: z.number().int(),
  contactCount: z.number().int(),
});
export type ConstituencySummary = z.infer<typeof ConstituencySummary>;

export const MatchQuery = z.object({ value: z.string().trim().min(1).max(2048) });
export const MatchResult = z.object({
  constituency: z.object({ id: z.string(), name: z.string(), criticality: Criticality }).nullable(),
  /** The asset that matched, e.g. the netblock `192.0.2.0/24`. */
  matchedBy: Asset.nullable(),
});
export type MatchResult = z.infer<typeof MatchResult>;
