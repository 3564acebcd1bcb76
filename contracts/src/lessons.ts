import { z } from 'zod';
import { Timestamp } from './common.ts';
import { Outcome } from './incidents.ts';

const Text = z.string().trim().max(20_000);
/** A calendar day, `2026-12-31`: due dates are days, not instants. */
export const DueDate = z.iso.date();

/** The lessons learned of an incident (ENISA post-analysis); version 0 until first saved. */
export const Lessons = z.object({
  incidentKey: z.string(),
  wentWell: z.string(),
  wentBadly: z.string(),
  /** How detection could have been sooner. */
  detection: z.string(),
  /** How the response could have been quicker. */
  response: z.string(),
  /** Organisational shortcomings. */
  organisation: z.string(),
  updatedBy: z.string().nullable(),
  updatedAt: Timestamp.nullable(),
  /** When the review was marked done (the incident went to `post_analysis_done`). */
  reviewedAt: Timestamp.nullable(),
  reviewedBy: z.string().nullable(),
  version: z.number().int(),
});
export type Lessons = z.infer<typeof Lessons>;

/** The whole record, at the version the user loaded (a stale one gets 409 with the current record). */
export const PutLessons = z.object({
  version: z.number().int().min(0),
  wentWell: Text.default(''),
  wentBadly: Text.default(''),
  detection: Text.default(''),
  response: Text.default(''),
  organisation: Text.default(''),
});
export type PutLessons = z.infer<typeof PutLessons>;

export const MarkReviewDone = z.object({
  /** The incident's version the user saw. */
  version: z.number().int().positive(),
});

export const ImprovementStatus = z.enum(['proposed', 'accepted', 'in_progress', 'done', 'rejected']);
export type ImprovementStatus = z.infer<typeof ImprovementStatus>;

export const RemediationStatus = z.enum(['open', 'in_progress', 'done', 'wont_fix']);
export type RemediationStatus = z.infer<typeof RemediationStatus>;
/** Remediation items still to be worked on. */
export const OPEN_REMEDIATION: RemediationStatus[] = ['open', 'in_progress'];

const Owner = z.object({ id: z.string(), name: z.string(), email: z.string() });

const followUpBase = {
  id: z.string(),
  incidentKey: z.string(),
  incidentTitle: z.string(),
  title: z.string(),
  description: z.string(),
  owner: Owner.nullable(),
  dueDate: DueDate.nullable(),
  createdBy: z.string(),
  createdAt: Timestamp,
  updatedBy: z.string(),
  updatedAt: Timestamp,
  version: z.number().int(),
};

/** A proposal for improvement from the post-analysis, linked to the playbook or procedure it changes. */
export const Improvement = z.object({
  ...followUpBase,
  status: ImprovementStatus,
  playbook: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** A procedure it changes: free text or a URL. */
  procedure: z.string(),
});
export type Improvement = z.infer<typeof Improvement>;

/** A vulnerability found in the root-cause analysis, tracked until fixed, also after closure. */
export const Remediation = z.object({ ...followUpBase, status: RemediationStatus });
export type Remediation = z.infer<typeof Remediation>;

const newBase = {
  title: z.string().trim().min(1).max(300),
  description: Text.default(''),
  ownerId: z.string().min(1).max(100).nullable().default(null),
  dueDate: DueDate.nullable().default(null),
};

export const NewImprovement = z.object({
  ...newBase,
  status: ImprovementStatus.default('proposed'),
  playbookId: z.string().min(1).max(100).nullable().default(null),
  procedure: z.string().trim().max(2000).default(''),
});
export type NewImprovement = z.infer<typeof NewImprovement>;

export const UpdateImprovement = z.object({
  version: z.number().int().positive(),
  title: newBase.title.optional(),
  description: Text.optional(),
  ownerId: z.string().min(1).max(100).nullable().optional(),
  dueDate: DueDate.nullable().optional(),
  status: ImprovementStatus.optional(),
  playbookId: z.string().min(1).max(100).nullable().optional(),
  procedure: z.string().trim().max(2000).optional(),
});
export type UpdateImprovement = z.infer<typeof UpdateImprovement>;

export const NewRemediation = z.object({ ...newBase, status: RemediationStatus.default('open') });
export type NewRemediation = z.infer<typeof NewRemediation>;

export const UpdateRemediation = z.object({
  version: z.number().int().positive(),
  title: newBase.title.optional(),
  description: Text.optional(),
  ownerId: z.string().min(1).max(100).nullable().optional(),
  dueDate: DueDate.nullable().optional(),
  status: RemediationStatus.optional(),
});
export type UpdateRemediation = z.infer<typeof UpdateRemediation>;

export const DeleteFollowUp = z.object({ version: z.number().int().positive() });

export const ImprovementBoardQuery = z.object({
  status: ImprovementStatus.optional(),
  /** A user id. */
  owner: z.string().min(1).max(100).optional(),
});

export const RemediationListQuery = z.object({
  /** true: only items still open or in progress. */
  open: z.enum(['true', 'false']).optional(),
});

export const PostAnalysisQuery = z.object({
  /** Closed at or after (default: 90 days ago). */
  from: Timestamp.optional(),
  /** Closed before (default: now). */
  to: Timestamp.optional(),
});

/** An incident closed in the period whose review is still to be done. */
export const PendingReview = z.object({
  key: z.string(),
  title: z.string(),
  closedAt: Timestamp,
  outcome: Outcome.nullable(),
  lead: z.string().nullable(),
  /** Whether a lessons record was saved already. */
  hasLessons: z.boolean(),
  improvements: z.number().int(),
});
export type PendingReview = z.infer<typeof PendingReview>;
