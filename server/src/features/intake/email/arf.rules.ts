import { parseMailDate } from './email-date.rules.ts';
import type { EmailAddress, ParsedEmail } from './email-message.rules.ts';
import { headerOf, paramOf, type EmailHeaders } from './email-text.rules.ts';

/** The message an abuse report is about, as far as the report includes it. */
export interface ReportedMessage {
  subject: string | null;
  messageId: string | null;
  from: EmailAddress | null;
  date: string | null;
  headers: EmailHeaders;
}

/** An Abuse Reporting Format report (RFC 5965): the machine-readable second part and the original. */
export interface ArfReport {
  /** `abuse`, `fraud`, `virus`, `other`, `not-spam`, `auth-failure` (RFC 6591) …, lower-case. */
  feedbackType: string | null;
  userAgent: string | null;
  sourceIp: string | null;
  reportedDomains: string[];
  reportedUris: string[];
  /** When the reported message arrived, as an ISO instant. */
  arrivalDate: string | null;
  originalMailFrom: string | null;
  originalRcptTo: string[];
  /** Every field of the feedback report, by lower-case name, in order. */
  fields: Record<string, string[]>;
  /** The reported message (third part: message/rfc822 or text/rfc822-headers), when included. */
  original: ReportedMessage | null;
}

/**
 * The ARF report of a mail, or null when it carries none. A `message/feedback-report` part is what
 * makes one (RFC 5965 §2); senders that forget `report-type=feedback-report` are read all the same.
 */
export function parseArf(parsed: Pick<ParsedEmail, 'attachments' | 'embedded'>): ArfReport | null {
  const part = parsed.attachments.find((a) => a.contentType === 'message/feedback-report');
  if (!part) return null;
  const fields = reportFields(part.text ?? part.bytes.toString('utf8'));
  const first = (name: string) => fields[name]?.[0]?.trim() || null;
  const all = (name: string) => (fields[name] ?? []).map((v) => v.trim()).filter(Boolean);
  // Reports that are themselves messages (a forwarded ARF) are not the reported message.
  const original = parsed.embedded.find(
    (m) => !/^multipart\/report/i.test(headerOf(m.headers, 'content-type') ?? ''),
  );
  return {
    feedbackType: first('feedback-type')?.toLowerCase() ?? null,
    userAgent: first('user-agent'),
    sourceIp:
      first('source-ip')
        ?.split(/[\s(]/)[0]
        ?.replace(/^\[|\]$/g, '') || null,
    reportedDomains: all('reported-domain'),
    reportedUris: all('reported-uri').map((u) => u.replace(/^<|>$/g, '')),
    // Received-Date is the name used by drafts before RFC 5965, still sent by AOL.
    arrivalDate: parseMailDate(first('arrival-date') ?? first('received-date')),
    originalMailFrom: first('original-mail-from')?.replace(/^<|>$/g, '') || null,
    originalRcptTo: all('original-rcpt-to').map((r) => r.replace(/^<|>$/g, '')),
    fields,
    original: original
      ? {
          subject: original.subject,
          messageId: original.messageId,
          from: original.from,
          date: original.date,
          headers: original.headers,
        }
      : null,
  };
}

/**
 * The reported domains that name the abuse (RFC 5965 §3.2: "the domain whose apparent abuse is being
 * reported"). Feedback loops run by Return Path (Comcast, Cox, Bluetie …) put the complaining
 * mailbox provider there, the domain of Original-Rcpt-To: that is the recipient's side, not the
 * sender's, and counts only as a mention.
 */
export function abuseDomains(report: Pick<ArfReport, 'reportedDomains' | 'originalRcptTo'>): string[] {
  const recipients = report.originalRcptTo.map((r) => r.slice(r.lastIndexOf('@') + 1).toLowerCase());
  return report.reportedDomains.filter((d) => {
    const domain = d.toLowerCase().replace(/\.$/, '');
    return !recipients.some((r) => r === domain || r.endsWith(`.${domain}`));
  });
}

/** Whether the mail says it is a feedback report (RFC 5965 §2: multipart/report; report-type=feedback-report). */
export function declaresArf(parsed: Pick<ParsedEmail, 'headers'>): boolean {
  const type = headerOf(parsed.headers, 'content-type');
  return paramOf(type, 'report-type')?.toLowerCase() === 'feedback-report';
}

/** `Name: value` fields in RFC 5322 header syntax (RFC 5965 §3.1), folded lines joined. */
export function reportFields(text: string): Record<string, string[]> {
  const fields: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  let last: string[] | null = null;
  for (const line of text.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && last) {
      last[last.length - 1] += ` ${line.trim()}`;
      continue;
    }
    const m = /^([A-Za-z][\w-]*)[ \t]*:(.*)$/.exec(line);
    if (!m) {
      last = null;
      continue;
    }
    last = fields[m[1]!.toLowerCase()] ??= [];
    last.push(m[2]!.trim());
  }
  return fields;
}
