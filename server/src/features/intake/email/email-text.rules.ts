import { simpleParser } from 'mailparser';

/** Header values by lower-case name, in order, unfolded (RFC 5322 §2.2.3) but not decoded. */
export type EmailHeaders = Record<string, string[]>;

const LINK_VALUE_MAX = 4096;
const LINKS_MAX = 1000;

/** The header lines mailparser kept, as a map; `line` holds the whole `Name: value` text. */
export function headersOf(lines: ReadonlyArray<{ key: string; line: string }>): EmailHeaders {
  const headers: EmailHeaders = Object.create(null) as EmailHeaders;
  for (const { key, line } of lines) {
    const colon = line.indexOf(':');
    const value = (colon < 0 ? '' : line.slice(colon + 1)).replace(/\r?\n[ \t]*/g, ' ').trim();
    (headers[key] ??= []).push(value);
  }
  return headers;
}

/** The first value of a header, or null. */
export const headerOf = (headers: EmailHeaders, name: string): string | null => headers[name]?.[0] ?? null;

/** A parameter of a structured header value (`charset`, `report-type`, …), unquoted; null when absent. */
export function paramOf(value: string | null, name: string): string | null {
  if (!value) return null;
  const m = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(value);
  return m?.[1] ?? m?.[2] ?? null;
}

/**
 * HTML as plain text, converted by mailparser's own html-to-text (the one it applies to HTML-only
 * mail), so links are kept as `text [url]`. Markup longer than `maxChars`, or that the converter
 * refuses (nesting bombs), is stripped of its tags instead, with a warning.
 */
export async function htmlToText(
  source: string,
  maxChars: number,
): Promise<{ text: string; warning?: string }> {
  // Separated first: the limit then holds for what the converter is given.
  const html = separatedCells(withoutBodyEnd(source));
  if (html.length > maxChars)
    return {
      text: stripTags(html),
      warning: `HTML of ${source.length} characters is longer than ${maxChars}; its tags were stripped instead of converting it`,
    };
  const head = Buffer.from(
    'Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n',
  );
  try {
    const mail = await simpleParser(Buffer.concat([head, Buffer.from(html)]), {
      skipTextToHtml: true,
      skipImageLinks: true,
      keepCidLinks: true,
      maxHtmlLengthToParse: maxChars,
    });
    if (!mail.textConversionError) return { text: mail.text ?? '' };
    return {
      text: stripTags(html),
      warning: `HTML could not be converted (${mail.textConversionError.message})`,
    };
  } catch (err) {
    return { text: stripTags(html), warning: `HTML could not be converted (${String(err)})` };
  }
}

/**
 * HTML with its `</body>` and `</html>` end tags made line breaks. Text after them (the unsubscribe
 * footer and tracking pixel spam appends after `</html>`, a second document pasted after the first)
 * belongs to the body (HTML5 §13.2.6.4.19-22, the "after body" modes reopen it), but html-to-text
 * converts only what sits inside `<body>`; the break keeps it from gluing to the text before.
 */
export function withoutBodyEnd(html: string): string {
  return html.replace(/<\/(?:body|html)\s*>/gi, '<br>');
}

/**
 * HTML with a space before every table cell and a line break after every row. html-to-text renders
 * cells inline, so layout tables, the way phishing mail is built, glue one cell's text to the next
 * (`IP address: 192.0.2.1Report`) and the observables in them are lost.
 */
export function separatedCells(html: string): string {
  return html.replace(/<(\/?)(td|th)\b/gi, ' <$1$2').replace(/<\/tr\s*>/gi, '$&<br>');
}

/** Text without tags, in one linear pass (a regex over unclosed `<` would be quadratic). */
export function stripTags(html: string): string {
  const out: string[] = [];
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      out.push(html.slice(i));
      break;
    }
    out.push(html.slice(i, lt), ' ');
    const gt = html.indexOf('>', lt);
    if (gt < 0) break;
    i = gt + 1;
  }
  return decodeEntities(out.join('')).replace(/[ \t]+/g, ' ');
}

function decodeEntities(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,6});/gi, (whole, name: string) => {
    const code = name.startsWith('#x') || name.startsWith('#X') ? parseInt(name.slice(2), 16) : NaN;
    const point = name.startsWith('#') ? (Number.isNaN(code) ? Number(name.slice(1)) : code) : NaN;
    if (!Number.isNaN(point)) return point > 0 && point <= 0x10ffff ? String.fromCodePoint(point) : whole;
    return named[name.toLowerCase()] ?? whole;
  });
}

/**
 * The http(s) and ftp targets of links and forms in HTML (`href`, `action`): phishing mail hides its
 * real URL behind a harmless link text, and the plain-text alternative often leaves it out. Values
 * are read at most 4 KiB ahead, so unclosed quotes cannot make this quadratic.
 */
export function linksOfHtml(html: string): string[] {
  const links = new Set<string>();
  const attribute = /\b(?:href|action)\s*=\s*/gi;
  while (attribute.exec(html) && links.size < LINKS_MAX) {
    const start = attribute.lastIndex;
    const window = html.slice(start, start + LINK_VALUE_MAX + 1);
    const quote = window[0] === '"' || window[0] === "'" ? window[0] : null;
    const end = quote ? window.indexOf(quote, 1) : window.search(/[\s>]|$/);
    if (end < 0) continue;
    const value = decodeEntities(window.slice(quote ? 1 : 0, end)).trim();
    if (/^(?:https?|ftp):\/\/[^\s]+$/i.test(value)) links.add(value);
  }
  return [...links];
}

/** Whether Node's decoder knows the charset; UTF-7 is refused on purpose (it can smuggle markup). */
export function knownCharset(charset: string): boolean {
  if (/^(?:(?:cs)?unicode-?1-?1-?)?utf-?7(?:-?imap)?$/i.test(charset)) return false;
  try {
    new TextDecoder(charset);
    return true;
  } catch {
    // iconv-lite, which mailparser decodes with, also knows the DOS and IBM code pages.
    return /^(?:cp|ibm|ms)-?\d{3,5}$/i.test(charset);
  }
}

/** Bytes as text in the declared charset, or as UTF-8 (invalid bytes replaced) when it is unknown. */
export function decodeText(bytes: Uint8Array, charset: string | null): { text: string; warning?: string } {
  const label = charset?.trim() || 'utf-8';
  let decoder: TextDecoder;
  try {
    if (!knownCharset(label)) throw new RangeError(label);
    decoder = new TextDecoder(label);
  } catch {
    const text = new TextDecoder('utf-8').decode(bytes);
    return { text, warning: `unknown charset "${label}", read as UTF-8` };
  }
  return { text: decoder.decode(bytes) };
}

// Soft hyphen, zero-width and bidi controls, word joiners, BOM, tags and variation selectors
// supplement: invisible to a reader, used by phishing to split words and links past filters.
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]|\uDB40[\uDC00-\uDDEF]/g;

/** Text without invisible formatting characters, and how many were removed. */
export function withoutInvisible(text: string): { text: string; removed: number } {
  let removed = 0;
  const clean = text.replace(INVISIBLE, () => {
    removed++;
    return '';
  });
  return { text: clean, removed };
}

/** How many characters could not be decoded (U+FFFD), counted up to a limit. */
export function replacementCount(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\uFFFD'); i >= 0 && count < 1_000_000; i = text.indexOf('\uFFFD', i + 1))
    count++;
  return count;
}
