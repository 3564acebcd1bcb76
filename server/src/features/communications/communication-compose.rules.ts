import type { Tlp } from '#contracts/identity.ts';

const tlpRank: Record<Tlp, number> = { clear: 0, green: 1, amber: 2, 'amber+strict': 3, red: 4 };

/** TLP levels that must never leave in clear (FIRST TLP 2.0: named recipients only). */
const NEEDS_ENCRYPTION: readonly Tlp[] = ['amber+strict', 'red'];

/** The message carries what the incident holds: its marking is never below the incident's. */
export function effectiveTlp(incident: Tlp, requested: Tlp | undefined): Tlp {
  return requested && tlpRank[requested] > tlpRank[incident] ? requested : incident;
}

/** `TLP:AMBER+STRICT`, as FIRST TLP 2.0 writes the label. */
export const tlpLabel = (tlp: Tlp) => `TLP:${tlp.toUpperCase()}`;

/** The banner goes first, so that the marking is seen before the content (TLP 2.0 §"Usage"). */
export function bodyWithBanner(body: string, tlp: Tlp): string {
  return `${tlpLabel(tlp)}\n\n${body.replace(/^\s+/, '')}`;
}

/** Replies thread by the key in brackets (intake threading looks for it in the subject first). */
export function subjectWithKey(subject: string, key: string): string {
  const line = subject.replace(/[\r\n]+/g, ' ').trim();
  return line.includes(`[${key}]`) ? line : `[${key}] ${line}`.trim();
}

export interface ContactRef {
  name: string;
  email: string;
  pgpKey: string;
}

export interface Recipient {
  address: string;
  name: string;
  /** The contact's armoured key, or empty. */
  pgpKey: string;
}

const EMAIL = /^[^\s@<>(),;:"[\]]+@[^\s@<>(),;:"[\]]+\.[^\s@<>(),;:"[\]]+$/;

/** Addresses as given, matched to the constituency's contacts (case-insensitive), duplicates dropped. */
export function resolveRecipients(
  addresses: string[],
  contacts: ContactRef[],
): { recipients: Recipient[]; issues: { path: string; message: string }[] } {
  const recipients: Recipient[] = [];
  const issues: { path: string; message: string }[] = [];
  const seen = new Set<string>();
  addresses.forEach((raw, i) => {
    const address = raw.trim();
    if (!EMAIL.test(address) || address.length > 254) {
      issues.push({ path: `to.${i}`, message: `${address} is not an e-mail address` });
      return;
    }
    const lower = address.toLowerCase();
    if (seen.has(lower)) return;
    seen.add(lower);
    const contact = contacts.find((c) => c.email.toLowerCase() === lower);
    recipients.push({ address, name: contact?.name ?? '', pgpKey: contact?.pgpKey ?? '' });
  });
  return { recipients, issues };
}

/**
 * Encrypt when every recipient has a usable key; otherwise the message goes in clear, which
 * AMBER+STRICT and RED content must not: then it is refused, naming who lacks a key.
 */
export function encryptionDecision(
  recipients: { address: string; usableKey: boolean }[],
  tlp: Tlp,
): { encrypt: boolean; refusal: string | null; withoutKey: string[] } {
  const withoutKey = recipients.filter((r) => !r.usableKey).map((r) => r.address);
  if (recipients.length > 0 && withoutKey.length === 0) return { encrypt: true, refusal: null, withoutKey };
  if (NEEDS_ENCRYPTION.includes(tlp))
    return {
      encrypt: false,
      withoutKey,
      refusal: `${tlpLabel(tlp)} content must not be sent in clear, and these recipients have no usable OpenPGP key: ${withoutKey.join(', ')}`,
    };
  return { encrypt: false, refusal: null, withoutKey };
}
