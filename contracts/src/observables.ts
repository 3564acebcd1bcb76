import { z } from 'zod';

/** Kinds of observable Firebreak extracts and matches. */
export const ObservableType = z.enum([
  'ipv4',
  'ipv6',
  'cidr',
  'domain',
  'url',
  'email',
  'md5',
  'sha1',
  'sha256',
  'cve',
  'asn',
]);
export type ObservableType = z.infer<typeof ObservableType>;

/** A normalised observable: the value is in canonical form, so equal observables compare equal. */
export const ExtractedObservable = z.object({ type: ObservableType, value: z.string() });
export type ExtractedObservable = z.infer<typeof ExtractedObservable>;

export const ExtractRequest = z.object({ text: z.string().max(1_000_000) });
export const ExtractResponse = z.object({ items: z.array(ExtractedObservable) });
