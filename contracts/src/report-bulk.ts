import { z } from 'zod';
import { KeyParam, NewIncident } from './incidents.ts';
import { DiscardReason } from './reports.ts';

/** Up to 500 new reports you may see, each named once. */
export const BulkReportIds = z
  .array(z.string().min(1).max(100))
  .min(1)
  .max(500)
  .superRefine((ids, ctx) => {
    const seen = new Set<string>();
    ids.forEach((id, i) => {
      if (seen.has(id)) ctx.addIssue({ code: 'custom', path: [i], message: `report ${id} is listed twice` });
      seen.add(id);
    });
  });

/**
 * One action on many reports of the inbox, all or none: link them to an open incident, open one
 * incident from them, or discard them with a reason.
 */
export const ReportBulkAction = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('link'),
    reportIds: BulkReportIds,
    incidentKey: KeyParam.shape.key,
    /** The incident's version you saw; without it the reports join the incident as it is now. */
    version: z.number().int().positive().optional(),
  }),
  NewIncident.omit({ reportIds: true, title: true, tlp: true, pap: true }).extend({
    action: z.literal('open'),
    reportIds: BulkReportIds,
    /** Defaults to the first report's title. */
    title: NewIncident.shape.title.optional(),
    /** Default to the strictest marking of the reports, at least AMBER. */
    tlp: NewIncident.shape.tlp.unwrap().optional(),
    pap: NewIncident.shape.pap.unwrap().optional(),
  }),
  z.object({
    action: z.literal('discard'),
    reportIds: BulkReportIds,
    reason: DiscardReason,
    note: z.string().trim().max(2000).default(''),
  }),
]);
export type ReportBulkAction = z.infer<typeof ReportBulkAction>;

export const ReportBulkResult = z.object({
  action: z.enum(['link', 'open', 'discard']),
  reportIds: z.array(z.string()),
  /** The incident the reports were linked to or opened from them; null for discard. */
  incidentKey: z.string().nullable(),
});
export type ReportBulkResult = z.infer<typeof ReportBulkResult>;
