import { z } from 'zod';
import { Timestamp } from './common.ts';
import { ObservableType } from './observables.ts';

/** Shortest and longest window of a correlation rule: one hour, ninety days. */
export const CORRELATION_WINDOW_HOURS = { min: 1, max: 90 * 24 } as const;

/**
 * When a new report joins an open incident by itself: it shares at least `minShared` observables of
 * these types with a report of that incident seen within `windowHours` of it (and, with
 * `sameConstituency`, matched to the same constituency). Rules run in the order they were created;
 * the first that finds an incident links the report to it.
 */
export const CorrelationRuleInput = z.object({
  name: z.string().trim().min(1).max(100),
  enabled: z.boolean().default(true),
  observableTypes: z
    .array(ObservableType)
    .min(1)
    .max(ObservableType.options.length)
    .refine((types) => new Set(types).size === types.length, 'must not name a type twice'),
  windowHours: z.number().int().min(CORRELATION_WINDOW_HOURS.min).max(CORRELATION_WINDOW_HOURS.max),
  /** Both reports must be matched to one constituency; unattributed reports never match then. */
  sameConstituency: z.boolean().default(false),
  minShared: z.number().int().min(1).max(50).default(1),
  /** Only new reports of this source (e.g. `suricata`, `manual`); null for every source. */
  source: z.string().trim().min(1).max(100).nullable().default(null),
});
export type CorrelationRuleInput = z.infer<typeof CorrelationRuleInput>;

/** A change replaces the whole rule, at the version the admin saw. */
export const CorrelationRuleUpdate = CorrelationRuleInput.extend({ version: z.number().int().positive() });
export type CorrelationRuleUpdate = z.infer<typeof CorrelationRuleUpdate>;

export const CorrelationRule = CorrelationRuleInput.extend({
  id: z.string(),
  version: z.number().int(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  updatedBy: z.string(),
});
export type CorrelationRule = z.infer<typeof CorrelationRule>;
