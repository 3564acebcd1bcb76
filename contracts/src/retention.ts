import { z } from 'zod';
import { Timestamp } from './common.ts';

/**
 * A retention policy: archive after N days closed, destroy after M months closed. Null criteria match
 * any value; the most specific matching policy applies (type over class over any, then constituency).
 */
export const RetentionPolicy = z.object({
  id: z.string(),
  name: z.string(),
  /** Taxonomy class, e.g. `intrusion`; null: any. */
  taxonomyClass: z.string().nullable(),
  /** Taxonomy type id `class/type`; null: any type of the class. */
  typeId: z.string().nullable(),
  constituencyId: z.string().nullable(),
  archiveAfterDays: z.number().int().nullable(),
  destroyAfterMonths: z.number().int().nullable(),
  updatedAt: Timestamp,
  updatedBy: z.string(),
  version: z.number().int(),
});
export type RetentionPolicy = z.infer<typeof RetentionPolicy>;

export const RetentionPolicyInput = z.object({
  name: z.string().trim().min(1).max(200),
  taxonomyClass: z.string().trim().min(1).max(60).nullable().default(null),
  typeId: z.string().trim().min(3).max(130).nullable().default(null),
  constituencyId: z.string().trim().min(1).max(100).nullable().default(null),
  archiveAfterDays: z.number().int().min(0).max(36_500).nullable().default(null),
  destroyAfterMonths: z.number().int().min(1).max(1_200).nullable().default(null),
});
export type RetentionPolicyInput = z.input<typeof RetentionPolicyInput>;

export const UpdateRetentionPolicy = RetentionPolicyInput.extend({ version: z.number().int().positive() });
export type UpdateRetentionPolicy = z.input<typeof UpdateRetentionPolicy>;

export const RetentionAction = z.enum(['archive', 'destroy', 'skip_hold']);
export type RetentionAction = z.infer<typeof RetentionAction>;

/** One line of the dry run: what would happen to an incident and why. */
export const RetentionPreviewItem = z.object({
  incidentKey: z.string(),
  title: z.string(),
  typeId: z.string().nullable(),
  constituencyId: z.string().nullable(),
  closedAt: Timestamp,
  action: RetentionAction,
  policyId: z.string(),
  policyName: z.string(),
  /** When the action became due. */
  dueAt: Timestamp,
  reason: z.string(),
});
export type RetentionPreviewItem = z.infer<typeof RetentionPreviewItem>;

export const RetentionPreview = z.object({
  at: Timestamp,
  items: z.array(RetentionPreviewItem),
});
export type RetentionPreview = z.infer<typeof RetentionPreview>;

export const RetentionRunResult = z.object({
  at: Timestamp,
  archived: z.array(z.string()),
  destroyed: z.array(z.string()),
  skipped: z.array(z.string()),
});
export type RetentionRunResult = z.infer<typeof RetentionRunResult>;

export const LegalHold = z.object({
  incidentKey: z.string(),
  held: z.boolean(),
  reason: z.string().nullable(),
  by: z.string().nullable(),
  at: Timestamp.nullable(),
  archivedAt: Timestamp.nullable(),
});
export type LegalHold = z.infer<typeof LegalHold>;

export const SetLegalHold = z.object({
  held: z.boolean(),
  reason: z.string().trim().min(3).max(2000),
});
export type SetLegalHold = z.infer<typeof SetLegalHold>;

/** What is left of a destroyed incident. */
export const Tombstone = z.object({
  incidentKey: z.string(),
  typeId: z.string().nullable(),
  constituencyId: z.string().nullable(),
  tlp: z.string(),
  outcome: z.string().nullable(),
  openedAt: Timestamp,
  closedAt: Timestamp.nullable(),
  destroyedAt: Timestamp,
  destroyedBy: z.string(),
  policyId: z.string().nullable(),
  policyName: z.string(),
  /** SHA-256 (hex) of the destroyed content, evidence files and linked reports' raw submissions. */
  hashes: z.object({
    content: z.string(),
    evidence: z.array(z.object({ filename: z.string(), sha256: z.string() })),
    reports: z.array(z.string()),
  }),
  counts: z.record(z.string(), z.number().int()),
  shreddedKeys: z.array(z.string()),
});
export type Tombstone = z.infer<typeof Tombstone>;
