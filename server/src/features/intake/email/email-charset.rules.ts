import { isUtf8 } from 'node:buffer';
import libqp from 'libqp';
import type { TextPart } from './email-mime-scan.rules.ts';
import { knownCharset } from './email-text.rules.ts';

/** The message as mailparser should read it, and what was assumed to get there. */
export interface CharsetRepair {
  /** The input with a `charset` set on the parts that needed one; the input itself when none did. */
  raw: Buffer;
  warnings: string[];
  /** The Content-Type line of the message's own header as written and as rewritten, when rewritten. */
  rootHeader: { original: string | null; rewritten: string } | null;
}

// The WHATWG Encoding Standard's default for unlabelled Western text; mailparser would read UTF-8.
const FALLBACK = 'windows-1252';
// HTML's prescan reads 1024 bytes (WHATWG HTML §13.2.3.2); real mail puts styles first, so a bit more.
const META_WINDOW = 2048;

/**
 * Gives every inline text part whose bytes its charset cannot read a charset that can: mailparser
 * reads a part without charset, or one labelled US-ASCII, as UTF-8, so the Latin-1 of spam and
 * phishing, and HTML declaring its charset only in a `<meta>`, turn into U+FFFD. A part keeps its
 * charset when it has a usable one or its bytes are UTF-8; otherwise it gets the one its HTML
 * `<meta>` declares, else windows-1252, with a warning. The header is rewritten in a copy given to
 * the parser, never in the stored message, whose hash is evidence.
 */
export function repairCharsets(raw: Buffer, parts: readonly TextPart[]): CharsetRepair {
  const warnings: string[] = [];
  const pieces: Buffer[] = [];
  let [copied, rootHeader] = [0, null as CharsetRepair['rootHeader']];
  for (const part of parts) {
    const bytes = transferDecoded(raw.subarray(part.bodyStart, part.bodyEnd), part.encoding);
    const choice = charsetFor(part, bytes);
    if (!choice) continue;
    const edit = headerEdit(raw, part, choice.charset);
    pieces.push(raw.subarray(copied, edit.start), Buffer.from(edit.text, 'latin1'));
    copied = edit.end;
    if (part.section === '') rootHeader = { original: edit.original, rewritten: edit.field };
    warnings.push(`${placeOf(part)} ${choice.why}; read as ${choice.charset}${choice.source}`);
  }
  if (!pieces.length) return { raw, warnings, rootHeader };
  return { raw: Buffer.concat([...pieces, raw.subarray(copied)]), warnings, rootHeader };
}

/**
 * Text no header labels (a report file imported on its own), read as a text part without charset
 * is: as UTF-8 when its bytes are, else as windows-1252, with a warning, instead of U+FFFD.
 */
export function decodeUnlabelled(bytes: Buffer, place: string): { text: string; warning?: string } {
  if (isUtf8(bytes)) return { text: new TextDecoder().decode(bytes) };
  return {
    text: new TextDecoder(FALLBACK).decode(bytes),
    warning: `${place} has no charset and is not UTF-8; read as ${FALLBACK} (assumed)`,
  };
}

/**
 * The message with its own header's 8-bit lines that are not UTF-8 transcoded to UTF-8, in a copy
 * for the parser. RFC 6532 allows only UTF-8 there, and mailparser reads raw bytes so, but legacy
 * mailers write the Subject and names raw in the body's charset (Cyrillic and CJK spam): they turned
 * into U+FFFD. Such lines are read in the charset the text parts declare, else windows-1252.
 */
export function repairHeaderBytes(
  raw: Buffer,
  parts: readonly TextPart[],
): { raw: Buffer; warning?: string } {
  const end = headerEnd(raw);
  const head = raw.subarray(0, end);
  if (isUtf8(head)) return { raw };
  const charset = headerCharset(parts);
  const decoder = new TextDecoder(charset);
  let changed = 0;
  const lines = head
    .toString('latin1')
    .split('\n')
    .map((line) => {
      const bytes = Buffer.from(line, 'latin1');
      if (!/[\x80-\xff]/.test(line) || isUtf8(bytes)) return bytes;
      changed++;
      return Buffer.from(decoder.decode(bytes), 'utf8');
    });
  const joined = lines.flatMap((b, i) => (i ? [Buffer.from('\n'), b] : [b]));
  return {
    raw: Buffer.concat([...joined, raw.subarray(end)]),
    warning: `${changed === 1 ? 'a header line has' : `${changed} header lines have`} 8-bit bytes that are not UTF-8; read as ${charset}`,
  };
}

/** Where the message's own header ends: at its blank line, or the end of the input. */
function headerEnd(raw: Buffer): number {
  const crlf = raw.indexOf('\r\n\r\n');
  const lf = raw.indexOf('\n\n');
  const ends = [crlf < 0 ? -1 : crlf + 2, lf < 0 ? -1 : lf + 1].filter((i) => i >= 0);
  return ends.length ? Math.min(...ends) : raw.length;
}

/** The first charset a text part declares that can read 8-bit text other than UTF-8. */
function headerCharset(parts: readonly TextPart[]): string {
  for (const part of parts) {
    const label = part.charset?.trim();
    if (!label || !knownCharset(label)) continue;
    try {
      const name = new TextDecoder(label).encoding;
      if (!/^utf-/.test(name) && !ASCII_NAMES.has(label.toLowerCase().replace(/[^a-z0-9]/g, ''))) return name;
    } catch {
      // A DOS or IBM code page only iconv-lite knows: not for this decoder.
    }
  }
  return FALLBACK;
}

/** Header lines as mailparser kept them, with the rewritten Content-Type put back as it was written. */
export function originalHeaderLines<T extends { key: string; line: string }>(
  lines: readonly T[],
  rootHeader: CharsetRepair['rootHeader'],
): T[] {
  if (!rootHeader) return [...lines];
  // mailsplit joins folded lines with CRLF whatever the message used.
  const rewritten = rootHeader.rewritten.replace(/\r?\n/g, '\r\n');
  return lines.flatMap((l) =>
    l.key !== 'content-type' || l.line.replace(/\r?\n/g, '\r\n') !== rewritten
      ? [l]
      : rootHeader.original === null
        ? []
        : [{ ...l, line: rootHeader.original }],
  );
}

function charsetFor(part: TextPart, bytes: Buffer) {
  const declared = part.charset?.trim() ?? '';
  const wrong = declared ? contradiction(declared, bytes) : 'has no charset and is not UTF-8';
  // mailparser reads an unlabelled part as UTF-8, which is right when the bytes are UTF-8.
  if (!wrong || isUtf8(bytes)) return null;
  const why = declared ? `declares charset "${declared}" but ${wrong}` : wrong;
  const meta = part.mime === 'text/html' ? metaCharset(bytes) : null;
  if (meta) return { charset: meta, why, source: ', which its HTML <meta> declares' };
  return { charset: FALLBACK, why, source: ' (assumed)' };
}

/**
 * How the bytes plainly contradict a declared charset, or null: a label no decoder knows, US-ASCII
 * with 8-bit bytes, or UTF-8 without a single valid multi-byte sequence. Mostly-UTF-8 text with a
 * stray byte keeps its label. (Only asked when the bytes are not UTF-8.)
 */
function contradiction(declared: string, bytes: Buffer): string | null {
  // `unknown-8bit` (Postfix, Sendmail) and other labels no decoder knows are read as UTF-8 otherwise.
  if (!knownCharset(declared)) return 'is a charset no decoder knows';
  const name = declared.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (ASCII_NAMES.has(name)) return bytes.some((b) => b > 0x7f) ? 'has 8-bit bytes' : null;
  if (name !== 'utf8' || isUtf8(bytes) || UTF8_SEQUENCE.test(bytes.toString('latin1'))) return null;
  return 'is not UTF-8';
}

const ASCII_NAMES = new Set(['ascii', 'usascii', 'ansix341968', 'iso646us', 'csascii']);
const UTF8_SEQUENCE = /[\xC2-\xDF][\x80-\xBF]|[\xE0-\xEF][\x80-\xBF]{2}|[\xF0-\xF4][\x80-\xBF]{3}/;

/**
 * The charset of `<meta charset>` or `<meta http-equiv="Content-Type" content="…; charset=…">`
 * near the start of the HTML, by its WHATWG name. UTF-8 and UTF-16 are ignored: the bytes are
 * known not to be UTF-8, and HTML in mail is never UTF-16 read as bytes.
 */
function metaCharset(html: Buffer): string | null {
  const head = html.subarray(0, META_WINDOW).toString('latin1');
  const label = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1];
  if (!label || !knownCharset(label)) return null;
  let name = label.toLowerCase();
  try {
    // Its canonical name: iso-8859-1 and us-ascii are windows-1252 on the web (WHATWG Encoding §4.2).
    name = new TextDecoder(label).encoding;
  } catch {
    // A DOS or IBM code page that iconv-lite knows and the WHATWG decoder does not.
  }
  return /^utf-(?:8|16)/.test(name) ? null : name;
}

/** The content of a part without its Content-Transfer-Encoding (RFC 2045 §6); other encodings are raw. */
function transferDecoded(body: Buffer, encoding: string): Buffer {
  if (encoding === 'base64') return Buffer.from(body.toString('latin1'), 'base64');
  if (encoding === 'quoted-printable') return libqp.decode(body);
  return body;
}

/**
 * Where the part's Content-Type field is, and its replacement with `charset` set; a part without
 * one gets a field before the blank line that ends its header.
 */
function headerEdit(raw: Buffer, part: TextPart, charset: string) {
  const header = raw.toString('latin1', part.headerStart, part.bodyStart);
  const found = /(^|\n)(content-type[ \t]*:[^\n]*(?:\n[ \t][^\n]*)*)/i.exec(header);
  if (!found) {
    const eol = header.endsWith('\r\n') ? '\r\n' : '\n';
    const start = part.bodyStart - eol.length;
    const field = `Content-Type: text/plain; charset=${charset}`;
    return { start, end: start, text: `${field}${eol}`, field, original: null };
  }
  const original = found[2]!.replace(/\r$/, '');
  const start = part.headerStart + found.index + found[1]!.length;
  const colon = original.indexOf(':');
  const value = withoutTrailing(
    original.slice(colon + 1).replace(/;\s*charset\s*=\s*(?:"[^"]*"|[^;\s]*)/gi, ''),
    ' \t\r\n;',
  );
  const field = `${original.slice(0, colon + 1)}${value.trim() ? value : ' text/plain'}; charset=${charset}`;
  return { start, end: start + original.length, text: field, field, original };
}

/** `text` without the trailing run of `chars`; a loop, since `/[…]+$/` is quadratic on long runs. */
function withoutTrailing(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && chars.includes(text[end - 1]!)) end--;
  return text.slice(0, end);
}

function placeOf(part: TextPart): string {
  const type = part.mime || 'text/plain';
  return part.section ? `MIME part ${part.section} (${type})` : `the ${type} body`;
}
