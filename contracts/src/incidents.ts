import { z } from 'zod';
import { Timestamp } from './common.ts';
import { Criticality } from './constituencies.ts';
import { Tlp } from './identity.ts';
import { Pap } from './reports.ts';

/** The handling phases, in order; `closed` and `post_analysis_done` end the work. */
export const Phase = z.enum([
  'triage',
  'response',
  'eradication',
  'recovery',
  'closed',
  'post_analysis_done',
]);
export type Phase = z.infer<typeof Phase>;

export const Severity = z.enum(['low', 'medium', 'high', 'critical']);
export type Severity = z.infer<typeof Severity>;

export const Priority = z.enum(['P1', 'P2', 'P3', 'P4']);
export type Priority = z.infer<typeof Priority>;

export const Outcome = z.enum([
  'resolved',
  'partially_resolved',
  'not_resolved',
  'false_positive',
  'duplicate',
]);
export type Outcome = z.infer<typeof Outcome>;

/** The three points at which the ENISA guide classifies an incident. */
export const ClassificationStage = z.enum(['initial', 'resolution', 'final']);
export type ClassificationStage = z.infer<typeof ClassificationStage>;

export const Classification = z.object({
  stage: ClassificationStage,
  /** Taxonomy type id, `class/type`. */
  typeId: z.string(),
  typeLabel: z.string(),
  classLabel: z.string(),
  note: z.string(),
  actor: z.string(),
  at: Timestamp,
});
export type Classification = z.infer<typeof Classification>;

export const Classify = z.object({
  version: z.number().int().positive(),
  stage: ClassificationStage,
  typeId: z.string().trim().min(3).max(130),
  note: z.string().trim().max(2000).default(''),
});
export type Classify = z.infer<typeof Classify>;

export const Incident = z.object({
  id: z.string(),
  /** Human key, e.g. `FB-2026-00042`. */
  key: z.string(),
  title: z.string(),
  summary: z.string(),
  phase: Phase,
  severity: Severity.nullable(),
  /** From the matrix (severity × constituency criticality), or the override when one is set. */
  priority: Priority.nullable(),
  priorityOverride: z.object({ priority: Priority, reason: z.string() }).nullable(),
  constituency: z.object({ id: z.string(), name: z.string(), criticality: Criticality }).nullable(),
  tlp: Tlp,
  pap: Pap,
  reportIds: z.array(z.string()),
  /** The current classification and every earlier one, oldest first. */
  classification: Classification.nullable(),
  classifications: z.array(Classification),
  closure: z.object({ outcome: Outcome, summary: z.string(), closedAt: Timestamp }).nullable(),
  createdBy: z.string(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: z.number().int(),
});
export type Incident = z.infer<typeof Incident>;

export const NewIncident = z.object({
  title: z.string().trim().min(1).max(300),
  summary: z.string().max(20_000).default(''),
  /** Reports it is opened from; each must be new and visible to you. */
  reportIds: z.array(z.string().max(100)).max(500).default([]),
  severity: Severity.optional(),
  /** Defaults to the constituency of the first report. */
  constituencyId: z.string().max(100).optional(),
  tlp: Tlp.default('amber'),
  pap: Pap.default('amber'),
});
export type NewIncident = z.infer<typeof NewIncident>;

export const UpdateIncident = z.object({
  version: z.number().int().positive(),
  title: z.string().trim().min(1).max(300).optional(),
  summary: z.string().max(20_000).optional(),
  severity: Severity.optional(),
  tlp: Tlp.optional(),
  pap: Pap.optional(),
  /** Overrides the matrix; the reason is mandatory and goes on the timeline. Null removes the override. */
  priorityOverride: z
    .object({ priority: Priority, reason: z.string().trim().min(3).max(2000) })
    .nullable()
    .optional(),
});
export type UpdateIncident = z.infer<typeof UpdateIncident>;

export const Transition = z.object({
  version: z.number().int().positive(),
  to: Phase,
  /** Needed to reopen. */
  reason: z.string().trim().max(2000).optional(),
  /** Needed to close; `finalTypeId` records the final classification unless one exists already. */
  closure: z
    .object({
      outcome: Outcome,
      summary: z.string().trim().min(1).max(20_000),
      finalTypeId: z.string().trim().min(3).max(130).optional(),
    })
    .optional(),
});
export type Transition = z.infer<typeof Transition>;

export const TimelineEntry = z.object({
  id: z.string(),
  at: Timestamp,
  actor: z.string(),
  kind: z.string(),
  text: z.string(),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
  /** When it happened, as far as known (handler entries). */
  eventTime: Timestamp.nullable(),
  /** When the team learnt of it (handler entries). */
  discoveryTime: Timestamp.nullable(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const NewTimelineEntry = z.object({
  text: z.string().trim().min(1).max(20_000),
  eventTime: Timestamp.optional(),
  discoveryTime: Timestamp.optional(),
});
export type NewTimelineEntry = z.infer<typeof NewTimelineEntry>;

export const KeyParam = z.object({
  key: z.string().regex(/^FB-\d{4}-\d{5,}$/, 'must be an incident key such as FB-2026-00042'),
});

export const IncidentQuery = z.object({
  phase: Phase.optional(),
  open: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
