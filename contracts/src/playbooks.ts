import { z } from 'zod';
import { Timestamp } from './common.ts';
import { PartyKind, TaskStep } from './tasks.ts';

export const PlaybookItem = z.object({
  id: z.string(),
  title: z.string(),
  step: TaskStep,
  partyKind: PartyKind,
  requiresApproval: z.boolean(),
  description: z.string(),
});
export type PlaybookItem = z.infer<typeof PlaybookItem>;

export const Playbook = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  /** Taxonomy type ids (`class/type`) or class ids (`class`, the fallback) the playbook applies to. */
  taxonomyIds: z.array(z.string()),
  items: z.array(PlaybookItem),
  updatedAt: Timestamp,
  updatedBy: z.string(),
  version: z.number().int(),
});
export type Playbook = z.infer<typeof Playbook>;

export const PlaybookItemInput = z.object({
  /** Keep an existing item's id so that top-up on reclassification recognises it. */
  id: z.string().max(100).optional(),
  title: z.string().trim().min(1).max(300),
  step: TaskStep,
  partyKind: PartyKind,
  requiresApproval: z.boolean().default(false),
  description: z.string().trim().max(5000).default(''),
});

export const PlaybookInput = z.object({
  name: z.string().trim().min(1).max(200),
  description: z.string().trim().max(5000).default(''),
  taxonomyIds: z.array(z.string().trim().min(1).max(130)).min(1).max(50),
  items: z.array(PlaybookItemInput).min(1).max(100),
});
export type PlaybookInput = z.infer<typeof PlaybookInput>;

export const UpdatePlaybook = PlaybookInput.extend({ version: z.number().int().positive() });
export type UpdatePlaybook = z.infer<typeof UpdatePlaybook>;
