import { z } from 'zod';
import { Timestamp } from './common.ts';
import { Tlp } from './identity.ts';

/** Longest note body, in characters: a long write-up, not a log dump (attach those as evidence). */
export const NOTE_MAX_CHARS = 100_000;

/** A Markdown note on an incident. The web app renders it sanitised: no raw HTML, safe links only. */
export const Note = z.object({
  id: z.string(),
  incidentKey: z.string(),
  body: z.string(),
  /** Its own marking when stricter than the incident's; null when the incident's applies. */
  tlp: Tlp.nullable(),
  createdBy: z.string(),
  createdAt: Timestamp,
  updatedBy: z.string(),
  updatedAt: Timestamp,
  version: z.number().int(),
});
export type Note = z.infer<typeof Note>;

export const NewNote = z.object({
  body: z.string().trim().min(1).max(NOTE_MAX_CHARS),
  tlp: Tlp.nullable().default(null),
});
export type NewNote = z.infer<typeof NewNote>;

/** An edit; `version` is the one the user loaded (a stale one gets 409 with the current note). */
export const UpdateNote = z.object({
  version: z.number().int().positive(),
  body: z.string().trim().min(1).max(NOTE_MAX_CHARS).optional(),
  tlp: Tlp.nullable().optional(),
});
export type UpdateNote = z.infer<typeof UpdateNote>;

/** Deleting names the version the user saw, like every other change. */
export const DeleteNote = z.object({ version: z.number().int().positive() });

export const AssetKind = z.enum([
  'server',
  'workstation',
  'network_device',
  'application',
  'account',
  'data',
  'service',
  'other',
]);
export type AssetKind = z.infer<typeof AssetKind>;

export const AssetState = z.enum(['affected', 'contained', 'recovered']);
export type AssetState = z.infer<typeof AssetState>;

/** A system, account or data set the incident touched, and where it stands. */
export const AffectedAsset = z.object({
  name: z.string().trim().min(1).max(300),
  /** Host name, IP address, account name, asset tag… */
  identifier: z.string().trim().max(300).default(''),
  kind: AssetKind,
  /** Who owns it: a person, a department or the constituency. */
  owner: z.string().trim().max(300).default(''),
  state: AssetState,
});
export type AffectedAsset = z.infer<typeof AffectedAsset>;

export const ImpactLevel = z.enum(['none', 'low', 'medium', 'high']);
export type ImpactLevel = z.infer<typeof ImpactLevel>;

export const Impact = z.object({
  confidentiality: ImpactLevel.nullable(),
  integrity: ImpactLevel.nullable(),
  availability: ImpactLevel.nullable(),
  affectedUsers: z.number().int().min(0).max(1e12).nullable(),
  affectedRecords: z.number().int().min(0).max(1e15).nullable(),
  /** Business impact in words: services down, money, obligations (e.g. a GDPR breach notification). */
  business: z.string().trim().max(20_000),
});
export type Impact = z.infer<typeof Impact>;

export const MAX_ASSETS = 500;

/** The incident's analysis record: one per incident, versioned like the incident (0 = never saved). */
export const Analysis = z.object({
  incidentKey: z.string(),
  rootCause: z.string(),
  assets: z.array(AffectedAsset),
  impact: Impact,
  updatedBy: z.string().nullable(),
  updatedAt: Timestamp.nullable(),
  version: z.number().int(),
});
export type Analysis = z.infer<typeof Analysis>;

/** The whole record as the user saw it at `version` (0 the first time); a stale one gets 409. */
export const PutAnalysis = z.object({
  version: z.number().int().min(0),
  rootCause: z.string().trim().max(50_000),
  assets: z.array(AffectedAsset).max(MAX_ASSETS),
  impact: Impact,
});
export type PutAnalysis = z.infer<typeof PutAnalysis>;
