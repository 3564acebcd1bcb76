import type { ObservableType } from '#contracts/observables.ts';
import {
  normaliseAsn,
  normaliseCidr,
  normaliseDomain,
  normaliseEmail,
  normaliseIp,
  parseUrl,
  refang,
} from './observable-extraction.rules.ts';

const EMAIL = /^[a-z0-9._%+-]+@(?:[a-z0-9-]+\.)+[a-z]{2,63}$/i;
const HASH_LENGTH = { md5: 32, sha1: 40, sha256: 64 } as const;

/**
 * The canonical form of one observable a sender names explicitly (an alert's artifact, a report's
 * `observables`), written exactly as extraction writes it, so a sent and an extracted observable
 * compare equal. Defanged values are read as what they stand for. Null when the value is no valid
 * observable of that type.
 */
export function normaliseObservable(type: ObservableType, value: string): string | null {
  const v = refang(value.trim());
  switch (type) {
    case 'ipv4':
    case 'ipv6':
      return normaliseIp(v, type);
    case 'cidr':
      return normaliseCidr(v);
    case 'domain':
      return normaliseDomain(v);
    case 'url':
      return parseUrl(v)?.href ?? null;
    case 'email':
      return EMAIL.test(v) ? normaliseEmail(v) : null;
    case 'md5':
    case 'sha1':
    case 'sha256':
      return new RegExp(`^[a-f0-9]{${HASH_LENGTH[type]}}$`, 'i').test(v) ? v.toLowerCase() : null;
    case 'cve':
      return /^CVE-\d{4}-\d{4,7}$/i.test(v) ? v.toUpperCase() : null;
    case 'asn':
      return /^(?:ASN?\s?)?\d{1,10}$/i.test(v) ? normaliseAsn(v) : null;
  }
}

const HASH_BY_LENGTH: Partial<Record<number, ObservableType>> = { 32: 'md5', 40: 'sha1', 64: 'sha256' };

/** The hash type a hex digest's length names (MD5, SHA-1, SHA-256), or null for any other length. */
export function hashTypeOf(digest: string): ObservableType | null {
  return HASH_BY_LENGTH[digest.trim().length] ?? null;
}
