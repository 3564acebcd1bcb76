import { z } from 'zod';
import { Timestamp } from './common.ts';
import { Criticality } from './constituencies.ts';
import { Tlp } from './identity.ts';
import { Pap, Severity, TrustLevel } from './reports.ts';

// Severity lives with reports (which come first and must not import incidents); re-exported for incident users.
export { Severity };

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

export const Assignee = z.object({ id: z.string(), name: z.string(), email: z.string() });
export type Assignee = z.infer<typeof Assignee>;

export const RelatedIncident = z.object({
  key: z.string(),
  title: z.string(),
  phase: Phase,
  note: z.string(),
});
export type RelatedIncident = z.infer<typeof RelatedIncident>;

/** One SLA clock: when it is due, when it was met, and when the job warned or recorded its breach. */
export const SlaClock = z.object({
  dueAt: Timestamp,
  /** First response, or closure for the resolution clock; a met clock never breaches later. */
  doneAt: Timestamp.nullable(),
  warnedAt: Timestamp.nullable(),
  breachedAt: Timestamp.nullable(),
});
export type SlaClock = z.infer<typeof SlaClock>;

export const IncidentSla = z.object({ response: SlaClock, resolution: SlaClock });
export type IncidentSla = z.infer<typeof IncidentSla>;

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
  /** Due times from the priority's SLA targets, counted from creation; null without a priority. */
  sla: IncidentSla.nullable(),
  constituency: z.object({ id: z.string(), name: z.string(), criticality: Criticality }).nullable(),
  tlp: Tlp,
  pap: Pap,
  reportIds: z.array(z.string()),
  /** The highest trust among the reporters of its reports, shown beside the priority. */
  reporterTrust: TrustLevel.nullable(),
  /** Who leads the handling, and who else works on it. */
  lead: Assignee.nullable(),
  handlers: z.array(Assignee),
  /** Set when triage confirmed it is a real incident. */
  verified: z.object({ by: z.string(), at: Timestamp }).nullable(),
  /** Key of the incident this one was merged into; it is kept, read-only, pointing there. */
  mergedInto: z.string().nullable(),
  /** Incidents a handler related to this one (both directions), as far as you may see them. */
  related: z.array(RelatedIncident),
  /** The current classification and every earlier one, oldest first. */
  classification: Classification.nullable(),
  classifications: z.array(Classification),
  closure: z.object({ outcome: Outcome, summary: z.string(), closedAt: Timestamp }).nullable(),
  /** When its content was destroyed under the retention policy: what is left is read-only for good. */
  destroyedAt: Timestamp.nullable(),
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
      /** Needed when tasks or evidence are still open (the closure check); it goes on the timeline. */
      openItemsReason: z.string().trim().max(2000).optional(),
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
  /** Only incidents whose response or resolution SLA was breached. */
  breached: z.enum(['true', 'false']).optional(),
  /**
   * `newest` first (default), or `queue`: by priority (P1 first, none last), then the next SLA due
   * time (response until responded, then resolution), then oldest first.
   */
  sort: z.enum(['newest', 'queue']).default('newest'),
  /** Words of the key, title or summary. */
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** Counts over the incidents you may see (others are not counted). */
export const IncidentCounts = z.object({
  total: z.number().int(),
  open: z.number().int(),
  /** Open incidents with a recorded SLA breach. */
  breached: z.number().int(),
  byPhase: z.record(z.string(), z.number().int()),
  /** Open incidents per priority; `none` for those without one. */
  openByPriority: z.record(z.string(), z.number().int()),
});
export type IncidentCounts = z.infer<typeof IncidentCounts>;

export const Take = z.object({ version: z.number().int().positive() });

export const Assign = z.object({
  version: z.number().int().positive(),
  /** User id of the lead handler; null leaves the incident without a lead. */
  leadId: z.string().max(100).nullable().optional(),
  /** Further handlers (user ids); replaces the current list. */
  handlerIds: z.array(z.string().max(100)).max(50).optional(),
});
export type Assign = z.infer<typeof Assign>;

export const AssignmentCandidate = Assignee.extend({
  available: z.boolean(),
  specialisations: z.array(z.string()),
  openIncidents: z.number().int(),
  /** Whether the specialisations cover the incident's current classification. */
  specialist: z.boolean(),
});
export type AssignmentCandidate = z.infer<typeof AssignmentCandidate>;

const Key = z.string().regex(/^FB-\d{4}-\d{5,}$/, 'must be an incident key such as FB-2026-00042');

export const LinkReports = z.object({
  version: z.number().int().positive(),
  reportIds: z.array(z.string().max(100)).min(1).max(500),
});
export type LinkReports = z.infer<typeof LinkReports>;

export const MergeIncidents = z.object({
  /** Version of the surviving incident (the one in the path). */
  version: z.number().int().positive(),
  /** The incidents merged into it, each at the version you saw. */
  sources: z
    .array(z.object({ key: Key, version: z.number().int().positive() }))
    .min(1)
    .max(50),
});
export type MergeIncidents = z.infer<typeof MergeIncidents>;

export const RelateIncident = z.object({
  version: z.number().int().positive(),
  relatedKey: Key,
  note: z.string().trim().max(2000).default(''),
});
export type RelateIncident = z.infer<typeof RelateIncident>;

/** An open incident whose reports share observables with a report: probably the same case. */
export const ReportSuggestion = z.object({
  key: z.string(),
  title: z.string(),
  phase: Phase,
  priority: Priority.nullable(),
  /** The incident's version, to link the report to it straight away. */
  version: z.number().int(),
  shared: z.array(z.object({ type: z.string(), value: z.string() })),
});
export type ReportSuggestion = z.infer<typeof ReportSuggestion>;

/** Triage's first step: confirm a real incident, or reject it (it is closed with that outcome). */
export const Verify = z.discriminatedUnion('verdict', [
  z.object({ version: z.number().int().positive(), verdict: z.literal('confirmed') }),
  z.object({
    version: z.number().int().positive(),
    verdict: z.enum(['not_an_incident', 'false_positive', 'duplicate']),
    reason: z.string().trim().min(3).max(2000),
  }),
]);
export type Verify = z.infer<typeof Verify>;
