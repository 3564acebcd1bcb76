import { BODY_MAX } from '../telemetry-report.rules.ts';
import { isMessage } from './email-attachment.rules.ts';
import type { EmailAttachment, ParsedEmail } from './email-message.rules.ts';
import type { ShadowserverFile } from './shadowserver.rules.ts';

/**
 * The report body of a mail, most telling first: its text; the HTML link targets the text does not
 * show; the list of attachments, files with their SHA-256 (indicators when the mail is malicious); a
 * summary of Shadowserver CSVs; then the text of text-like attachments and the CSV lines, so the
 * usual extraction finds their observables. Assembly stops once the body limit is passed.
 */
export function emailBody(
  parsed: Pick<ParsedEmail, 'text' | 'links' | 'attachments'>,
  files: ShadowserverFile[],
): string {
  const out: string[] = [];
  let length = 0;
  const add = (section: string) => {
    if (!section || length > BODY_MAX) return;
    out.push(section);
    length += section.length + 2;
  };
  add(parsed.text.trim());
  const hidden = parsed.links.filter((link) => !parsed.text.includes(link));
  if (hidden.length) add(`Links in the HTML part:\n${hidden.join('\n')}`);
  if (parsed.attachments.length)
    add(`Attachments:\n${parsed.attachments.map((a) => `- ${describe(a)}${hashOf(a)}`).join('\n')}`);
  if (files.length) add(files.map(summaryOf).join('\n'));

  const csvNames = new Set(files.map((f) => f.filename));
  for (const a of parsed.attachments)
    if (a.text?.trim() && !csvNames.has(a.filename ?? ''))
      add(`----- Attachment ${describe(a)} -----\n${a.text.trim()}`);
  for (const f of files) if (f.rows.length) add(csvOf(f));
  return out.join('\n\n');
}

/**
 * Hashes of files are indicators; those of text parts, attached messages and the detached signature
 * of a multipart/signed part are noise. The content type alone does not make a signature: a phishing
 * attachment labelled application/pkcs7-signature keeps its hash.
 */
const hashOf = (a: EmailAttachment) =>
  !isMessage(a) && !a.signature && (a.text === null || a.contentType === 'text/html')
    ? `, SHA-256 ${a.sha256}`
    : '';

const describe = (a: EmailAttachment) =>
  `${a.filename ? `"${a.filename}" ` : ''}(${a.contentType}, ${a.size} bytes)`;

function summaryOf(f: ShadowserverFile): string {
  const ips = new Set(f.rows.flatMap((r) => (r.ip ? [r.ip] : []))).size;
  const type = f.reportType ? ` ${f.reportType}` : '';
  return `Shadowserver report${type} in ${f.filename}: ${f.rows.length} rows, ${ips} addresses.`;
}

function csvOf(f: ShadowserverFile): string {
  const lines = [`----- ${f.filename} -----`, f.columns.join(',')];
  let length = 0;
  for (const row of f.rows) {
    if (length > BODY_MAX) break;
    lines.push(row.raw);
    length += row.raw.length + 1;
  }
  return lines.join('\n');
}
