import { z } from 'zod';
import { Outcome } from './incidents.ts';
import { TemplateAudience } from './message-templates.ts';
import { TaskStatus } from './tasks.ts';

/** A task that is not done, verified or cancelled. */
export const OpenTask = z.object({ id: z.string(), title: z.string(), status: TaskStatus });
export type OpenTask = z.infer<typeof OpenTask>;

/** An evidence item whose custody was never closed (returned, disposed of or sealed). */
export const OpenEvidence = z.object({
  id: z.string(),
  filename: z.string(),
  /** The last custody action recorded, e.g. `transferred`. */
  lastAction: z.string(),
});
export type OpenEvidence = z.infer<typeof OpenEvidence>;

/** What is still open before closing; closing anyway needs a reason, recorded on the timeline. */
export const ClosureCheck = z.object({
  tasks: z.array(OpenTask),
  evidence: z.array(OpenEvidence),
  clear: z.boolean(),
});
export type ClosureCheck = z.infer<typeof ClosureCheck>;

export const PartySource = z.enum(['constituency_contact', 'reporter', 'task_party', 'communication']);
export type PartySource = z.infer<typeof PartySource>;

/** Someone involved in the incident, suggested for the final information (ENISA guide 5.1). */
export const FinalParty = z.object({
  address: z.string(),
  name: z.string(),
  audience: TemplateAudience,
  /** Where the party was found; the first source wins when an address appears twice. */
  source: PartySource,
  hasKey: z.boolean(),
});
export type FinalParty = z.infer<typeof FinalParty>;

export const ClosureInput = z.object({
  outcome: Outcome,
  summary: z.string().trim().min(1).max(20_000),
  finalTypeId: z.string().trim().min(3).max(130).optional(),
  /** Needed when tasks or evidence are still open; it goes on the timeline. */
  openItemsReason: z.string().trim().max(2000).optional(),
});
export type ClosureInput = z.infer<typeof ClosureInput>;

/** Drafts the final notes for the chosen parties from the final-information templates. */
export const FinalNoteDraftRequest = z.object({
  closure: ClosureInput,
  recommendations: z.string().trim().max(20_000).default(''),
  parties: z
    .array(z.object({ address: z.string().trim().min(3).max(254), audience: TemplateAudience }))
    .max(50),
});
export type FinalNoteDraftRequest = z.infer<typeof FinalNoteDraftRequest>;

/** One final note, as the handler reviews and edits it before sending. */
export const FinalNote = z.object({
  to: z.string().trim().min(3).max(254),
  audience: TemplateAudience,
  subject: z.string().trim().min(1).max(300),
  body: z.string().min(1).max(100_000),
});
export type FinalNote = z.infer<typeof FinalNote>;

export const FinalNoteDraft = FinalNote.extend({
  /** Leaves OpenPGP-encrypted (the recipient has a key). */
  encrypted: z.boolean(),
  /** Why it could not be sent (TLP rules, no relay), or null. */
  refusal: z.string().nullable(),
});
export type FinalNoteDraft = z.infer<typeof FinalNoteDraft>;

/** Closes the incident, then sends every final note through the compose path. */
export const CloseWithNotice = z.object({
  version: z.number().int().positive(),
  closure: ClosureInput,
  notes: z.array(FinalNote).max(50).default([]),
});
export type CloseWithNotice = z.infer<typeof CloseWithNotice>;
