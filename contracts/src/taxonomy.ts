import { z } from 'zod';

const slug = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens, such as phishing-site');

/** One incident type of the taxonomy (ENISA Reference Security Incident Taxonomy by default). */
export const TaxonomyType = z.object({
  /** `class/type`, e.g. `fraud/phishing`. */
  id: z.string(),
  class: z.string(),
  classLabel: z.string(),
  type: z.string(),
  typeLabel: z.string(),
  description: z.string(),
  source: z.enum(['rsit', 'custom']),
});
export type TaxonomyType = z.infer<typeof TaxonomyType>;

export const NewTaxonomyType = z.object({
  class: slug,
  classLabel: z.string().trim().min(1).max(100),
  type: slug,
  typeLabel: z.string().trim().min(1).max(100),
  description: z.string().trim().max(2000).default(''),
});
export type NewTaxonomyType = z.infer<typeof NewTaxonomyType>;
