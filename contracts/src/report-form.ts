import { z } from 'zod';
import { Tlp } from './identity.ts';

/**
 * The public report form (`POST /api/v1/public/reports`, multipart/form-data): these fields, the
 * files in parts named `attachments`, and a `website` field people leave empty (bots do not).
 */
export const PublicReportForm = z.object({
  name: z.string().trim().min(1, 'Enter your name').max(100),
  email: z.email('Enter an e-mail address we can reach you at').max(254),
  organisation: z.string().trim().max(100).default(''),
  title: z.string().trim().min(1, 'Give the report a short title').max(300),
  description: z.string().trim().min(1, 'Describe what happened').max(20_000),
  /** Who the submitter allows the team to share the report with (Traffic Light Protocol). */
  tlp: Tlp.default('amber'),
});
export type PublicReportForm = z.infer<typeof PublicReportForm>;

/** Field name of the attachments and of the honeypot. */
export const REPORT_FORM_FILES = 'attachments';
export const REPORT_FORM_HONEYPOT = 'website';

/** What the submitter gets back: a reference to quote, nothing about any report. */
export const PublicReportReceipt = z.object({ reference: z.string() });
export type PublicReportReceipt = z.infer<typeof PublicReportReceipt>;
