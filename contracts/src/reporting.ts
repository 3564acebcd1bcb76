import { z } from 'zod';
import { Timestamp } from './common.ts';

/** The generated reports: two per incident (CISSP: technical and non-technical) and the periodic one. */
export const ReportKind = z.enum(['technical', 'management', 'activity']);
export type ReportKind = z.infer<typeof ReportKind>;

export const IncidentReportKind = z.enum(['technical', 'management']);
export type IncidentReportKind = z.infer<typeof IncidentReportKind>;

/** Sections an incident report may hold, in the order they are printed. */
export const IncidentSection = z.enum([
  'summary',
  'classification',
  'timeline',
  'actions',
  'impact',
  'root_cause',
  'remediation',
  'lessons',
]);
export type IncidentSection = z.infer<typeof IncidentSection>;

/** Sections of the periodic activity report. */
export const ActivitySection = z.enum(['by_class', 'by_priority', 'sla', 'times']);
export type ActivitySection = z.infer<typeof ActivitySection>;

/** The variables an intro or outro may use, as `{{name}}`, per kind; any other is refused when saved. */
export const REPORT_VARIABLES = {
  incident: {
    'incident.key': 'The incident key, e.g. FB-2026-00042',
    'incident.title': 'The incident title',
    'incident.phase': 'The current phase',
    'incident.priority': 'The priority, or "none"',
    'incident.type': 'The current classification, or "unclassified"',
    'incident.tlp': 'The TLP marking, e.g. TLP:AMBER',
    'constituency.name': 'The affected constituency, or "none"',
    'generated.at': 'When the report was generated (UTC)',
    team: 'The team name',
  },
  activity: {
    'period.from': 'First day of the period',
    'period.to': 'Last day of the period',
    'constituency.name': 'The constituency, or "all constituencies"',
    'incident.count': 'How many incidents were opened in the period',
    'generated.at': 'When the report was generated (UTC)',
    team: 'The team name',
  },
} as const;

const templateText = z.string().max(20_000);

/** A report template as an admin edits it: one per kind, replaced whole at the version they saw. */
export const ReportTemplateUpdate = z.object({
  version: z.number().int().positive(),
  title: z.string().trim().min(1).max(200),
  sections: z.array(z.string().max(40)).max(20),
  intro: templateText,
  outro: templateText,
});
export type ReportTemplateUpdate = z.infer<typeof ReportTemplateUpdate>;

export const ReportTemplate = ReportTemplateUpdate.extend({
  kind: ReportKind,
  /** Every section this kind may hold, and the variables its intro and outro may use. */
  availableSections: z.array(z.string()),
  variables: z.record(z.string(), z.string()),
  updatedAt: Timestamp,
  updatedBy: z.string(),
});
export type ReportTemplate = z.infer<typeof ReportTemplate>;

export const ReportTemplateParams = z.object({ kind: ReportKind });

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date such as 2026-05-31');

/** Period (inclusive days, UTC) and optional constituency of the activity report. */
export const ActivityQuery = z.object({
  from: day,
  to: day,
  constituency: z.string().min(1).max(100).optional(),
});
export type ActivityQuery = z.infer<typeof ActivityQuery>;

export const CountRow = z.object({ key: z.string(), label: z.string(), count: z.number().int() });
export type CountRow = z.infer<typeof CountRow>;

/** Median durations in hours (null when nothing to measure). */
export const ActivityTimes = z.object({
  acknowledgeMedianHours: z.number().nullable(),
  acknowledged: z.number().int(),
  resolveMedianHours: z.number().nullable(),
  resolved: z.number().int(),
});

/**
 * The periodic activity report: the incidents opened in the period that you may see. SLA compliance
 * counts incidents with SLA targets; one is compliant when neither its response nor its resolution
 * target was breached.
 */
export const ActivityReport = z.object({
  from: day,
  to: day,
  constituency: z.object({ id: z.string(), name: z.string() }).nullable(),
  total: z.number().int(),
  closed: z.number().int(),
  byClass: z.array(CountRow),
  byPriority: z.array(CountRow),
  sla: z.object({
    withTargets: z.number().int(),
    compliant: z.number().int(),
    responseBreached: z.number().int(),
    resolutionBreached: z.number().int(),
    /** compliant / withTargets as a percentage, one decimal; null without targets. */
    compliancePercent: z.number().nullable(),
  }),
  times: ActivityTimes,
  generatedAt: Timestamp,
});
export type ActivityReport = z.infer<typeof ActivityReport>;
