import { createHash } from 'node:crypto';
import type { Attachment, StructuredHeader } from 'mailparser';
import type { EmailLimits, ParsedEmail, ParsedLevel } from './email-message.rules.ts';
import { decodeText, htmlToText, linksOfHtml } from './email-text.rules.ts';

export interface EmailAttachment {
  filename: string | null;
  contentType: string;
  bytes: Buffer;
  size: number;
  sha256: string;
  /**
   * The readable text of a text-like attachment (text/*, CSV, JSON, XML, YAML, feedback and delivery
   * reports; HTML converted), at most `ATTACHMENT_TEXT_MAX` characters. Null for other attachments
   * and for attached messages, whose text is part of the mail's text.
   */
  text: string | null;
  /** The detached signature of a multipart/signed part (RFC 1847 §2.1): no file a sender chose. */
  signature: boolean;
}

export const ATTACHMENT_TEXT_MAX = 1_000_000;

interface Context {
  depth: number;
  level: number;
  limits: EmailLimits;
  /** IMAP part numbers of the message's detached signatures, as the MIME scan found them. */
  signatureParts: string[];
  parseInner: (raw: Buffer, depth: number) => Promise<ParsedLevel>;
}

// RFC 5965 (ARF), RFC 3464 (DSN), RFC 8098 (MDN) and RFC 6522 parts are text a handler can read.
const TEXT_TYPES =
  /^(?:text\/.*|message\/(?:feedback-report|delivery-status|global-delivery-status|disposition-notification)|application\/(?:json|ld\+json|xml|csv|x-yaml|yaml))$/;
const TEXT_NAMES = /\.(?:csv|txt|json|xml|log|ya?ml)$/i;
const MESSAGE_TYPES = /^(?:message\/(?:rfc822|global|rfc822-headers)|text\/rfc822-headers)$/;

/** Whether an attachment is an e-mail message (or its headers) that is parsed in turn. */
export const isMessage = (a: { contentType: string; filename: string | null }) =>
  MESSAGE_TYPES.test(a.contentType) || /\.eml$/i.test(a.filename ?? '');

/** Adds mailparser's attachments to the parsed mail; attached messages are parsed and folded in. */
export async function attachmentsOf(
  parsed: ParsedEmail,
  attachments: Attachment[],
  ctx: Context,
): Promise<void> {
  for (const att of attachments) {
    const item = attachmentOf(att, ctx.signatureParts.includes(att.partId ?? ''));
    parsed.attachments.push(item);
    if (isMessage(item)) await addEmbedded(parsed, att, item, ctx);
    else if (TEXT_TYPES.test(item.contentType) || TEXT_NAMES.test(item.filename ?? ''))
      await addText(parsed, att, item, ctx.limits);
  }
}

function attachmentOf(att: Attachment, signature: boolean): EmailAttachment {
  const bytes = att.content;
  return {
    filename: att.filename?.trim() || null,
    contentType: att.contentType.toLowerCase(),
    bytes,
    size: bytes.length,
    sha256: att.checksum || createHash('sha256').update(bytes).digest('hex'),
    text: null,
    signature,
  };
}

async function addText(parsed: ParsedEmail, att: Attachment, item: EmailAttachment, limits: EmailLimits) {
  const name = labelOf(item);
  const charset = (att.headers.get('content-type') as StructuredHeader | undefined)?.params.charset ?? null;
  // Four bytes per character at most (UTF-8), so this is enough for the characters kept.
  const decoded = decodeText(item.bytes.subarray(0, ATTACHMENT_TEXT_MAX * 4), charset);
  if (decoded.warning) parsed.warnings.push(`${name}: ${decoded.warning}`);
  let text = decoded.text;
  if (item.contentType === 'text/html') {
    parsed.links = [...new Set([...parsed.links, ...linksOfHtml(text)])];
    const converted = await htmlToText(text, limits.maxHtmlChars);
    if (converted.warning) parsed.warnings.push(`${name}: ${converted.warning}`);
    text = converted.text;
  }
  if (text.length > ATTACHMENT_TEXT_MAX) {
    text = text.slice(0, ATTACHMENT_TEXT_MAX);
    parsed.warnings.push(`${name}: only the first ${ATTACHMENT_TEXT_MAX} characters of its text are kept`);
  }
  item.text = text;
}

async function addEmbedded(parsed: ParsedEmail, att: Attachment, item: EmailAttachment, ctx: Context) {
  const name = labelOf(item);
  // The message's root sits below the multiparts enclosing its part (one per part number) and itself.
  const depth = ctx.depth + (att.partId?.split('.').length ?? 0) + 1;
  if (depth > ctx.limits.maxDepth) {
    parsed.warnings.push(`${name} not read: nested deeper than ${ctx.limits.maxDepth} levels`);
    return;
  }
  const { parsed: inner, headerBlock } = await ctx.parseInner(item.bytes, depth);
  const title = `----- Attached message${item.filename ? ` (${item.filename})` : ''} -----`;
  parsed.text = [parsed.text.trimEnd(), '', title, headerBlock, '', inner.text.trim()].join('\n').trimStart();
  parsed.links = [...new Set([...parsed.links, ...inner.links])];
  parsed.attachments.push(...inner.attachments);
  parsed.embedded.push(
    {
      level: ctx.level + 1,
      filename: item.filename,
      messageId: inner.messageId,
      subject: inner.subject,
      from: inner.from,
      date: inner.date,
      headers: inner.headers,
    },
    ...inner.embedded,
  );
  parsed.warnings.push(...inner.warnings.map((w) => `${name}: ${w}`));
}

const labelOf = (a: EmailAttachment) =>
  a.filename ? `attachment "${a.filename}"` : `${a.contentType} attachment`;
