import type { ParsedEmail } from './email-message.rules.ts';

export interface ThreadHints {
  /** Incident keys named in the subject, upper-case, in order of appearance. */
  incidentKeys: string[];
  /** Public report references (`R-XXXXX-XXXXX`, as acknowledgements quote them) in the subject, upper-case. */
  reportRefs: string[];
  /** Message ids the mail answers (In-Reply-To, then References from the newest), normalised. */
  messageIds: string[];
}

const INCIDENT_KEY = /(?<![\w-])FB-(\d{4})-(\d{5,9})(?![\w-])/gi;
// Crockford base32 without I, L, O, U, as report-ref.rules.ts writes them.
const REPORT_REF = /(?<![\w-])R-([0-9A-HJKMNP-TV-Z]{5})-([0-9A-HJKMNP-TV-Z]{5})(?![\w-])/gi;
const IDS_MAX = 100;

/**
 * A message id in the one form used to compare them: angle brackets and blanks stripped, the part
 * after the last `@` lower-cased. RFC 5322 §3.6.4 gives no case rule for ids; domains compare
 * without case (RFC 5321 §2.4), so only that part is folded. Use it for every id stored or compared.
 */
export function normaliseMessageId(id: string): string {
  const bare = id.trim().replace(/^<|>$/g, '').trim();
  const at = bare.lastIndexOf('@');
  return at < 0 ? bare : `${bare.slice(0, at)}${bare.slice(at).toLowerCase()}`;
}

/**
 * What ties a mail to earlier conversation: incident keys like `[FB-2026-00042]` and report
 * references in the subject (brackets optional, as clients and people drop them), and the ids of
 * the messages it answers.
 */
export function threadHints(parsed: Pick<ParsedEmail, 'subject' | 'headers'>): ThreadHints {
  const subject = parsed.subject ?? '';
  const keys = [...subject.matchAll(INCIDENT_KEY)].map((m) => `FB-${m[1]}-${m[2]}`);
  const refs = [...subject.matchAll(REPORT_REF)].map((m) => `R-${m[1]}-${m[2]}`.toUpperCase());
  const idsOf = (name: string) =>
    (parsed.headers[name] ?? []).flatMap((v) => v.match(/<[^<>]+>/g) ?? v.split(/[\s,]+/));
  // In-Reply-To names the parent; References lists ancestors oldest first (RFC 5322 §3.6.4).
  const ids = [...idsOf('in-reply-to'), ...idsOf('references').reverse()]
    .map(normaliseMessageId)
    .filter((id) => id.length > 0 && id.length <= 998);
  return {
    incidentKeys: [...new Set(keys)],
    reportRefs: [...new Set(refs)],
    messageIds: [...new Set(ids)].slice(0, IDS_MAX),
  };
}
