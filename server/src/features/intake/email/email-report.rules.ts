import { createHash } from 'node:crypto';
import type { ObservableType } from '#contracts/observables.ts';
import type { NewReport, SentObservable } from '#contracts/reports.ts';
import { hashTypeOf, normaliseObservable } from '../../observables/index.ts';
import { capped } from '../event-fields.rules.ts';
import { BODY_MAX, SOURCE_REF_MAX, TITLE_MAX } from '../telemetry-report.rules.ts';
import { abuseDomains, parseArf, type ArfReport } from './arf.rules.ts';
import type { EmailAttachment, ParsedEmail } from './email-message.rules.ts';
import { emailBody } from './email-body.rules.ts';
import { normaliseMessageId } from './email-thread.rules.ts';
import {
  DEFAULT_SHADOWSERVER_LIMITS,
  isShadowserverName,
  shadowserverFiles,
  type ShadowserverFile,
  type ShadowserverLimits,
} from './shadowserver.rules.ts';
import { parseXarf, type XarfReport } from './xarf.rules.ts';

/** What one mail becomes: a report to register, with its files and what could not be read. */
export interface EmailDraft {
  input: NewReport;
  attachments: EmailAttachment[];
  warnings: string[];
  /** Shadowserver CSVs found in the mail, row by row, for splitting per constituency. */
  shadowserverRows?: ShadowserverFile[];
}

/** The sources of known abuse formats; anything else is `email`. */
export type EmailSource = 'arf' | 'x-arf' | 'shadowserver' | 'email';

// The report contract's bounds on sent observables.
const OBSERVABLES_MAX = 1000;
const VALUE_MAX = 4096;
const EARLIEST = Date.UTC(1990, 0, 1);

/**
 * A parsed mail as the report(s) to register: one per mail. The body is the readable text with the
 * text of attachments appended, so the usual extraction finds their observables; the observables an
 * abuse format names explicitly (ARF, X-ARF) are sent as such. `sourceRef` is the normalised
 * Message-ID, so the same mail delivered again counts a repetition.
 */
export function emailToDrafts(
  parsed: ParsedEmail,
  now: Date,
  limits: ShadowserverLimits = DEFAULT_SHADOWSERVER_LIMITS,
): EmailDraft[] {
  const warnings = [...parsed.warnings];
  const arf = parseArf(parsed);
  const xarf = arf ? null : parseXarf(parsed);
  const shadowMail = fromShadowserver(parsed);
  const shadow = shadowMail ? shadowserverFiles(parsed.attachments, limits) : { files: [], warnings: [] };
  warnings.push(...shadow.warnings);
  const source: EmailSource = arf ? 'arf' : xarf ? 'x-arf' : shadowMail ? 'shadowserver' : 'email';

  const body = emailBody(parsed, shadow.files);
  if (body.length > BODY_MAX) warnings.push(`the text is longer than ${BODY_MAX} characters and was cut`);
  const receivedAt = receivedAtOf(parsed.date, now, warnings);
  // Without a From header (a report file imported on its own) the report may name its sender.
  const from = parsed.from?.address || (xarf?.reporter?.includes('@') ? xarf.reporter : '');
  const input: NewReport = {
    channel: 'email',
    reporter: {
      kind: source === 'email' ? 'person' : 'organisation',
      name: capped(parsed.from?.name || from || xarf?.reporter || 'Unknown sender', 200),
      contact: from.length <= 254 ? from : '',
      trust: 'unknown',
    },
    ...(receivedAt ? { receivedAt } : {}),
    title: titleOf(parsed, source, arf, xarf, shadow.files),
    body: capped(body, BODY_MAX),
    tlp: 'amber',
    pap: 'amber',
    source,
    sourceRef: sourceRefOf(parsed),
    observables: sentObservables(arf, xarf, warnings),
  };
  return [
    {
      input,
      attachments: parsed.attachments,
      warnings,
      ...(shadow.files.length ? { shadowserverRows: shadow.files } : {}),
    },
  ];
}

/**
 * A Shadowserver mail: sent from shadowserver.org, or carrying a file named the way Shadowserver
 * names its reports (a forwarded one). Only then are CSV rows returned for splitting, so that a log
 * someone attaches is not taken for a Shadowserver report.
 */
function fromShadowserver(parsed: ParsedEmail): boolean {
  if (/[.@]shadowserver\.org$/i.test(parsed.from?.address ?? '')) return true;
  return parsed.attachments.some((a) => isShadowserverName(a.filename));
}

function titleOf(
  parsed: ParsedEmail,
  source: EmailSource,
  arf: ArfReport | null,
  xarf: XarfReport | null,
  files: ShadowserverFile[],
): string {
  if (parsed.subject) return capped(parsed.subject, TITLE_MAX);
  const about = (what: string, subject: string | null | undefined) =>
    subject ? `${what} about ${subject}` : what;
  const fallback =
    source === 'arf'
      ? about(`ARF ${arf?.feedbackType ?? 'feedback'} report`, arf?.sourceIp)
      : source === 'x-arf'
        ? about(`X-ARF ${xarf?.reportType ?? ''} report`.replace('  ', ' '), xarf?.source)
        : source === 'shadowserver'
          ? `Shadowserver ${files[0]?.reportType ?? ''} report`.replace('  ', ' ')
          : `(no subject) from ${parsed.from?.address ?? 'an unknown sender'}`;
  return capped(fallback, TITLE_MAX);
}

/** The Date header when it is a time that can have been: not in the future, not before 1990. */
function receivedAtOf(date: string | null, now: Date, warnings: string[]): string | undefined {
  if (!date) return undefined;
  const at = Date.parse(date);
  if (at > now.getTime())
    warnings.push(`the Date header ${date} lies in the future; the time of arrival is used`);
  else if (at < EARLIEST)
    warnings.push(`the Date header ${date} is implausibly old; the time of arrival is used`);
  else return date;
  return undefined;
}

/**
 * The normalised Message-ID (see `normaliseMessageId`); a hash of it when longer than a sourceRef
 * may be. Without one, a hash of sender, date, subject and text, which a re-delivery repeats.
 */
export function sourceRefOf(
  parsed: Pick<ParsedEmail, 'messageId' | 'from' | 'date' | 'subject' | 'text'>,
): string {
  const sha = (text: string) => createHash('sha256').update(text).digest('hex');
  const id = parsed.messageId ? normaliseMessageId(parsed.messageId) : '';
  if (id) return id.length <= SOURCE_REF_MAX ? id : `message-id-sha256:${sha(id)}`;
  const content = [parsed.from?.address, parsed.date, parsed.subject, parsed.text].join('\n');
  return `content-sha256:${sha(content)}`;
}

/** A hash's type by its length in hex digits; anything else is refused as a SHA-256. */
/** The observables ARF and X-ARF name, normalised; invalid ones are dropped with a warning. */
function sentObservables(
  arf: ArfReport | null,
  xarf: XarfReport | null,
  warnings: string[],
): SentObservable[] {
  const wanted: [ObservableType | 'ip', (string | null | undefined)[]][] = [
    ['ip', [arf?.sourceIp, ...(xarf?.ips ?? [])]],
    ['domain', [...(arf ? abuseDomains(arf) : []), ...(xarf?.domains ?? [])]],
    ['url', [...(arf?.reportedUris ?? []), ...(xarf?.urls ?? [])]],
    ['email', [arf?.originalMailFrom, ...(xarf?.emails ?? [])]],
    ['cve', xarf?.cves ?? []],
    // A digest of another length (SHA-512) names no type Firebreak keeps.
    ...(xarf?.hashes ?? []).flatMap((h): [ObservableType, string[]][] => {
      const type = hashTypeOf(h);
      return type ? [[type, [h]]] : [];
    }),
  ];
  const out = new Map<string, SentObservable>();
  for (const [kind, values] of wanted)
    for (const value of values) {
      if (!value) continue;
      const type: ObservableType = kind === 'ip' ? (value.includes(':') ? 'ipv6' : 'ipv4') : kind;
      const canonical = value.length <= VALUE_MAX ? normaliseObservable(type, value) : null;
      if (canonical && canonical.length <= VALUE_MAX)
        out.set(`${type}:${canonical}`, { type, value: canonical });
      else warnings.push(`"${value.slice(0, 100)}" is no valid ${type}; not sent as an observable`);
    }
  return [...out.values()].slice(0, OBSERVABLES_MAX);
}
