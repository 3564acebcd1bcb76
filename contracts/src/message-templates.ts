import { z } from 'zod';
import { Timestamp } from './common.ts';

/**
 * The variables a message template may use, as `{{name}}`. The list is fixed: a template naming any
 * other variable is refused when saved and when previewed, never sent with a hole in it.
 */
export const TEMPLATE_VARIABLES = {
  'incident.key': 'The incident key, e.g. FB-2026-00042',
  'incident.title': 'The incident title',
  'incident.summary': 'The incident summary',
  'incident.severity': 'Severity, or "not assessed"',
  'incident.type': 'The classification, e.g. Phishing (Fraud)',
  'constituency.name': 'The affected constituency',
  observables: 'The observables of its reports, one a line',
  tlp: 'The TLP marking of the message, e.g. TLP:AMBER',
  'handler.name': 'Who sends the message',
  'handler.email': "The sender's e-mail address",
  'recipient.name': 'The first recipient, by contact name or address',
  'report.ref': "The first report's public reference, e.g. R-7K2QX-M4T9P",
  team: 'The team name',
  'closure.outcome': 'At closure: whether it was resolved, e.g. "resolved"',
  'closure.summary': 'At closure: the closing summary',
  'closure.findings': 'At closure: the main findings (root cause, impact) from the analysis record',
  'closure.recommendations': 'At closure: the recommendations for the recipient',
} as const;
export type TemplateVariable = keyof typeof TEMPLATE_VARIABLES;

export const TemplateAudience = z.enum(['technical', 'descriptive']);
export type TemplateAudience = z.infer<typeof TemplateAudience>;

/** A message template per taxonomy type (null: any type) × audience × language. */
export const MessageTemplateInput = z.object({
  name: z.string().trim().min(1).max(100),
  /** Taxonomy type id (`class/type`); null applies to every type. */
  typeId: z.string().trim().min(3).max(130).nullable().default(null),
  audience: TemplateAudience,
  /** BCP 47 language tag, e.g. `en`, `de`. */
  language: z
    .string()
    .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as en or de-AT'),
  subject: z.string().trim().min(1).max(300),
  body: z.string().min(1).max(50_000),
});
export type MessageTemplateInput = z.infer<typeof MessageTemplateInput>;

/** A change replaces the whole template, at the version the admin saw. */
export const MessageTemplateUpdate = MessageTemplateInput.extend({ version: z.number().int().positive() });
export type MessageTemplateUpdate = z.infer<typeof MessageTemplateUpdate>;

export const MessageTemplate = MessageTemplateInput.extend({
  id: z.string(),
  version: z.number().int(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  updatedBy: z.string(),
});
export type MessageTemplate = z.infer<typeof MessageTemplate>;
