import { simpleParser, type AddressObject, type ParsedMail, type SimpleParserOptions } from 'mailparser';
import { attachmentsOf, type EmailAttachment } from './email-attachment.rules.ts';
import {
  decodeUnlabelled,
  originalHeaderLines,
  repairCharsets,
  repairHeaderBytes,
} from './email-charset.rules.ts';
import { parseMailDate } from './email-date.rules.ts';
import { scanMime } from './email-mime-scan.rules.ts';
import {
  headerOf,
  headersOf,
  htmlToText,
  knownCharset,
  linksOfHtml,
  replacementCount,
  withoutInvisible,
  type EmailHeaders,
} from './email-text.rules.ts';

export type { EmailAttachment } from './email-attachment.rules.ts';
export type { EmailHeaders } from './email-text.rules.ts';

/** Bounds on what one message may cost to parse; hitting one gives a warning, never an error. */
export interface EmailLimits {
  /** Deepest nesting of multiparts and attached messages (RFC 2046 sets no bound). */
  maxDepth: number;
  /** Most MIME parts over the message and every message attached to it. */
  maxParts: number;
  /** Most bytes read over the message and its attached messages; decoded content is never larger. */
  maxBytes: number;
  /** Longest HTML converted to text; longer markup only has its tags stripped. */
  maxHtmlChars: number;
}

export const DEFAULT_EMAIL_LIMITS: Readonly<EmailLimits> = {
  maxDepth: 16,
  maxParts: 500,
  maxBytes: 50 * 1024 * 1024,
  maxHtmlChars: 5_000_000,
};

export interface EmailAddress {
  name: string;
  address: string;
}

/** A message attached to the mail (message/rfc822, text/rfc822-headers or an .eml file). */
export interface EmbeddedMessage {
  /** 1 for a message attached to the mail, 2 for one attached to that, … */
  level: number;
  filename: string | null;
  messageId: string | null;
  subject: string | null;
  from: EmailAddress | null;
  date: string | null;
  headers: EmailHeaders;
}

export interface ParsedEmail {
  /** Message-ID as written, angle brackets included; `normaliseMessageId` gives the comparable form. */
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  subject: string | null;
  from: EmailAddress | null;
  replyTo: string[];
  to: string[];
  cc: string[];
  /** The Date header as an ISO instant; null when missing or unreadable (never the parse time). */
  date: string | null;
  /** Plain text of every text part, HTML converted when there is no plain text, then the text of
   * every attached message after its headers. */
  text: string;
  /** Link and form targets of the HTML parts, which the text may not show. */
  links: string[];
  /** Every attachment, those of attached messages included. */
  attachments: EmailAttachment[];
  embedded: EmbeddedMessage[];
  headers: EmailHeaders;
  /** What could not be read: broken charsets, truncated parts, limits hit. */
  warnings: string[];
}

/** Where a message sits: MIME nesting depth of its root, and how many messages enclose it. */
interface Place {
  depth: number;
  level: number;
}

/** What is left of the limits; shared by a message and everything attached to it. */
interface Budget {
  limits: EmailLimits;
  partsLeft: number;
  bytesLeft: number;
}

/**
 * Parses a raw e-mail message (RFC 5322, MIME). Never throws on bad input except an empty one:
 * broken charsets, malformed MIME and limits hit give a result with warnings. Attached messages are
 * parsed in turn, within the same limits, and their headers and text appended to the text.
 */
export async function parseEmail(raw: Buffer, limits: Partial<EmailLimits> = {}): Promise<ParsedEmail> {
  if (raw.length === 0) throw new RangeError('An empty input is no e-mail message');
  const all = { ...DEFAULT_EMAIL_LIMITS, ...limits };
  const budget = { limits: all, partsLeft: all.maxParts, bytesLeft: all.maxBytes };
  return (await parseLevel(raw, { depth: 0, level: 0 }, budget)).parsed;
}

async function parseLevel(input: Buffer, place: Place, budget: Budget) {
  const warnings: string[] = [];
  const { mail, rawBody, htmlSkipped, signatureParts } = await readMime(
    bounded(input, budget, warnings),
    place,
    budget,
    warnings,
  );
  const headers = headersOf(mail.headerLines ?? []);
  const html = typeof mail.html === 'string' ? mail.html : '';
  const ids = (name: string) => (headers[name] ?? []).flatMap(messageIdsOf);
  const parsed: ParsedEmail = {
    messageId: ids('message-id')[0] ?? null,
    inReplyTo: ids('in-reply-to')[0] ?? null,
    references: ids('references'),
    subject:
      withoutInvisible(mail.subject ?? '')
        .text.replace(/\s+/g, ' ')
        .trim() || null,
    from: addressesOf(mail.from).find((a) => a.address) ?? null,
    replyTo: addressesOf(mail.replyTo).map((a) => a.address),
    to: addressesOf(mail.to).map((a) => a.address),
    cc: addressesOf(mail.cc).map((a) => a.address),
    date: parseMailDate(headerOf(headers, 'date')),
    text: await bodyText(mail, { html, htmlSkipped, rawBody }, budget.limits, warnings),
    links: linksOfHtml(html),
    attachments: [],
    embedded: [],
    headers,
    warnings,
  };
  const parseInner = (raw: Buffer, depth: number) =>
    parseLevel(raw, { depth, level: place.level + 1 }, budget);
  await attachmentsOf(parsed, mail.attachments, {
    ...place,
    limits: budget.limits,
    signatureParts,
    parseInner,
  });
  return { parsed, headerBlock: headerBlockOf(mail, headers) };
}

/** The input cut to the bytes left in the budget, at a line end when one is near. */
function bounded(input: Buffer, budget: Budget, warnings: string[]): Buffer {
  let raw = input;
  if (raw.length > budget.bytesLeft) {
    const left = Math.max(budget.bytesLeft, 0);
    // lastIndexOf counts a negative offset from the end, hence the guard.
    const lineEnd = left > 0 ? raw.lastIndexOf(10, left - 1) : -1;
    const near = left - Math.min(LINE_MAX, Math.floor(left / 2));
    raw = raw.subarray(0, lineEnd >= near ? lineEnd + 1 : left);
    warnings.push(
      `more than ${budget.limits.maxBytes} bytes to read; only the first ${raw.length} were read`,
    );
  }
  budget.bytesLeft -= raw.length;
  return raw;
}

/**
 * Whether the input opens with a header field (RFC 5322 §2.2: a name of printable characters, a
 * colon), an mbox "From " line or an empty header section. A report saved on its own (an X-ARF
 * report.txt starting with `---`) does not; a MIME parser would take its lines for headers.
 */
function startsWithHeader(raw: Buffer): boolean {
  const first = raw.subarray(0, 1000).toString('latin1').split(/\r?\n/, 1)[0]!;
  return first === '' || /^>?From /.test(first) || /^[!-9;-~]+[ \t]*:/.test(first);
}

// RFC 5322 §2.1.1 allows 998 characters a line; real mail (base64 without breaks) has longer ones.
const LINE_MAX = 64 * 1024;

const EMPTY_MAIL: ParsedMail = { attachments: [], headers: new Map(), headerLines: [] };

const PARSER_OPTIONS: SimpleParserOptions = {
  // Attached messages are parsed one level at a time here, so the limits apply to each of them.
  ignoreEmbedded: true,
  checksumAlgo: 'sha256',
  skipTextToHtml: true,
  skipImageLinks: true,
  keepCidLinks: true,
};

interface MimeRead {
  mail: ParsedMail;
  rawBody: string | null;
  htmlSkipped: boolean;
  signatureParts: string[];
}

/** The MIME tree as mailparser reads it, after the pre-scan has cut off what exceeds the limits. */
async function readMime(raw: Buffer, place: Place, budget: Budget, warnings: string[]): Promise<MimeRead> {
  const { limits } = budget;
  if (!raw.length) return { mail: EMPTY_MAIL, rawBody: null, htmlSkipped: false, signatureParts: [] };
  const scan = scanMime(raw, limits.maxDepth - place.depth, Math.max(budget.partsLeft, 1));
  budget.partsLeft -= scan.parts;
  const read = scan.cutAt === null ? raw : raw.subarray(0, scan.cutAt);
  if (scan.reason) warnings.push(`${scan.reason}; the rest was not read`);
  for (const charset of scan.charsets)
    if (!knownCharset(charset)) warnings.push(`unknown or refused charset "${charset}"; text read as UTF-8`);
  // The raw body kept when the MIME tree cannot be read: UTF-8 if its bytes are, else windows-1252.
  const body = () => {
    const decoded = decodeUnlabelled(read.subarray(scan.bodyStart), 'the raw body');
    if (decoded.warning) warnings.push(decoded.warning);
    return decoded.text;
  };
  const { signatureParts } = scan;
  const options = {
    ...PARSER_OPTIONS,
    maxHtmlLengthToParse: limits.maxHtmlChars,
    maxChildNodes: limits.maxParts + 1,
    // Without a plain-text part the text is the HTML's: converted in bodyText, table cells kept apart.
    skipHtmlToText: !scan.hasPlainText,
  };
  const repaired = repairCharsets(read, scan.textParts);
  warnings.push(...repaired.warnings);
  const header = repairHeaderBytes(repaired.raw, scan.textParts);
  if (header.warning) warnings.push(header.warning);
  try {
    const mail = await simpleParser(header.raw, options);
    mail.headerLines = originalHeaderLines(mail.headerLines ?? [], repaired.rootHeader);
    const nothingRead = !mail.text?.trim() && !mail.attachments.length;
    if (scan.boundaryMissing && nothingRead) {
      warnings.push('the multipart boundary never occurs; the raw body is kept as text');
      return { mail, rawBody: body(), htmlSkipped: options.skipHtmlToText, signatureParts };
    }
    if (nothingRead && !startsWithHeader(read)) {
      warnings.push('the input does not start with a header field; all of it is kept as text');
      const decoded = decodeUnlabelled(read, 'the input');
      if (decoded.warning) warnings.push(decoded.warning);
      return {
        mail,
        rawBody: decoded.text,
        htmlSkipped: options.skipHtmlToText,
        signatureParts,
      };
    }
    return { mail, rawBody: null, htmlSkipped: options.skipHtmlToText, signatureParts };
  } catch (err) {
    warnings.push(`the MIME structure could not be read (${errorText(err)}); the raw body is kept as text`);
    const head = await simpleParser(read.subarray(0, scan.bodyStart), options).catch(() => null);
    return { mail: head ?? EMPTY_MAIL, rawBody: body(), htmlSkipped: options.skipHtmlToText, signatureParts };
  }
}

/** The mail's HTML and raw body, and whether mailparser left converting the HTML to us. */
interface BodySources {
  html: string;
  htmlSkipped: boolean;
  rawBody: string | null;
}

async function bodyText(
  mail: ParsedMail,
  { html, htmlSkipped, rawBody }: BodySources,
  limits: EmailLimits,
  warnings: string[],
): Promise<string> {
  let text = mail.text ?? '';
  if (mail.textConversionError)
    warnings.push(`an HTML part could not be converted (${mail.textConversionError.message})`);
  if (html && (htmlSkipped || !text.trim())) {
    const converted = await htmlToText(html, limits.maxHtmlChars);
    if (converted.warning) warnings.push(converted.warning);
    text = [text, converted.text].filter((t) => t.trim()).join('\n');
  }
  if (rawBody !== null) text = [text, rawBody].filter((t) => t.trim()).join('\n');
  const broken = replacementCount(text);
  if (broken) warnings.push(`${broken} characters of the text could not be decoded and were replaced`);
  const visible = withoutInvisible(text);
  if (visible.removed >= INVISIBLE_WARNING)
    warnings.push(
      `${visible.removed} invisible characters removed from the text (they can hide words and links)`,
    );
  return visible.text;
}

/** Message ids of a header (RFC 5322 §3.6.4), as written; bare ids when no angle brackets are used. */
function messageIdsOf(value: string): string[] {
  return value.match(/<[^<>]*>/g) ?? value.split(/[\s,]+/).filter(Boolean);
}

function addressesOf(header: AddressObject | AddressObject[] | undefined): EmailAddress[] {
  const flat = (list: { name: string; address?: string; group?: unknown[] }[]): EmailAddress[] =>
    list.flatMap((a) =>
      a.group
        ? flat(a.group as typeof list)
        : a.address
          ? [{ name: a.name.trim(), address: a.address.trim() }]
          : [],
    );
  return [header ?? []].flat().flatMap((h) => flat(h.value));
}

/** The headers a handler reads first, decoded, for the text of an attached message. */
function headerBlockOf(mail: ParsedMail, headers: EmailHeaders): string {
  const text = (h: AddressObject | AddressObject[] | undefined) =>
    h
      ? [h]
          .flat()
          .map((a) => a.text)
          .join(', ')
      : undefined;
  const returnPath = mail.headers.get('return-path') as AddressObject | undefined;
  const lines: [string, string | undefined][] = [
    ['From', text(mail.from)],
    ['Reply-To', text(mail.replyTo)],
    ['Return-Path', returnPath?.text],
    ['To', text(mail.to)],
    ['Cc', text(mail.cc)],
    ['Date', headerOf(headers, 'date') ?? undefined],
    ['Subject', mail.subject],
    ['Message-ID', mail.messageId],
  ];
  return lines.flatMap(([name, value]) => (value ? [`${name}: ${value}`] : [])).join('\n');
}

// A stray BOM or soft hyphen is common; many invisible characters are a filter evasion worth noting.
const INVISIBLE_WARNING = 10;

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

export type ParsedLevel = Awaited<ReturnType<typeof parseLevel>>;
