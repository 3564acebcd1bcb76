import { z } from 'zod';
import { Timestamp } from './common.ts';

/**
 * Filters of the quality dashboard. The period is half-open, `[from, to)`, and defaults to the 30 days
 * before now. Period figures count the incidents opened in the period (closures without lessons: those
 * closed in it); the open-incident and backlog figures are a snapshot as of now.
 */
export const DashboardQuery = z.object({
  from: Timestamp.optional(),
  to: Timestamp.optional(),
  constituencyId: z.string().min(1).max(100).optional(),
  /** Taxonomy class (e.g. `fraud`) of the incident's latest classification. */
  class: z.string().min(1).max(100).optional(),
});
export type DashboardQuery = z.infer<typeof DashboardQuery>;

export const DashboardFigure = z.enum(['open', 'sla', 'durations', 'backlog', 'reopen', 'lessons']);
export type DashboardFigure = z.infer<typeof DashboardFigure>;

export const DashboardCsvQuery = DashboardQuery.extend({ figure: DashboardFigure });
export type DashboardCsvQuery = z.infer<typeof DashboardCsvQuery>;

export const OpenCount = z.object({
  /** `none` while the incident has no priority. */
  priority: z.string(),
  phase: z.string(),
  count: z.number().int(),
});
export type OpenCount = z.infer<typeof OpenCount>;

/** One SLA clock over the incidents that have it: met in time, breached (late or overdue), still running. */
export const SlaFigure = z.object({
  clock: z.enum(['response', 'resolution']),
  total: z.number().int(),
  met: z.number().int(),
  breached: z.number().int(),
  pending: z.number().int(),
  /** Breached and still open now. */
  breachedOpen: z.number().int(),
  /** met / (met + breached); null when nothing is settled yet. */
  compliance: z.number().nullable(),
});
export type SlaFigure = z.infer<typeof SlaFigure>;

/** Triage: opened → verified; acknowledge: opened → first response; resolve: opened → closed. */
export const DurationMeasure = z.enum(['triage', 'acknowledge', 'resolve']);
export type DurationMeasure = z.infer<typeof DurationMeasure>;

/** Median and 90th percentile (nearest rank) in seconds, per group. */
export const DurationFigure = z.object({
  measure: DurationMeasure,
  by: z.enum(['all', 'class', 'constituency', 'handler']),
  /** Class, constituency id or user id; empty for `all` and for incidents without one. */
  group: z.string(),
  label: z.string(),
  count: z.number().int(),
  medianSeconds: z.number(),
  p90Seconds: z.number(),
});
export type DurationFigure = z.infer<typeof DurationFigure>;

export const BacklogBucket = z.enum(['<1d', '1-7d', '7-30d', '30-90d', '>=90d']);
export type BacklogBucket = z.infer<typeof BacklogBucket>;

export const QualityDashboard = z.object({
  from: Timestamp,
  to: Timestamp,
  generatedAt: Timestamp,
  open: z.array(OpenCount),
  sla: z.array(SlaFigure),
  durations: z.array(DurationFigure),
  backlog: z.array(z.object({ bucket: BacklogBucket, count: z.number().int() })),
  /** Incidents of the period closed at least once, and how many of them were reopened. */
  reopen: z.object({ closed: z.number().int(), reopened: z.number().int(), rate: z.number().nullable() }),
  /** Incidents closed in the period, and how many still lack a lessons-learned review. */
  lessons: z.object({
    closed: z.number().int(),
    withoutLessons: z.number().int(),
    rate: z.number().nullable(),
  }),
});
export type QualityDashboard = z.infer<typeof QualityDashboard>;
