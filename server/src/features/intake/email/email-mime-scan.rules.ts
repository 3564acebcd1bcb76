/** What a cheap pass over the raw bytes learns before the real parser runs. */
export interface MimeScan {
  /** Byte offset to cut the message at because a limit was hit, or null. */
  cutAt: number | null;
  /** Why it is cut. */
  reason: string | null;
  /** MIME parts seen up to the cut, the message itself included. */
  parts: number;
  /** Charsets declared by `text/*` parts, lower-case. */
  charsets: string[];
  /** The top-level multipart's boundary never occurs, so a MIME parser sees only a preamble. */
  boundaryMissing: boolean;
  /** Where the top-level body starts. */
  bodyStart: number;
  /** A plain-text part is shown inline (RFC 2045 §5.2: a part without Content-Type is text/plain). */
  hasPlainText: boolean;
  /** Inline text/plain and text/html leaves, whose charset may need repairing before mailparser reads them. */
  textParts: TextPart[];
  /** IMAP part numbers of the detached signatures of multipart/signed parts (RFC 1847 §2.1). */
  signatureParts: string[];
}

/** An inline text leaf, located by byte offsets into the raw message. */
export interface TextPart {
  /** IMAP part number (RFC 3501 §6.4.5), '' for the body of a single-part message. */
  section: string;
  /** Lower-case media type, '' when the part has no Content-Type. */
  mime: string;
  charset: string | null;
  /** Lower-case Content-Transfer-Encoding, '' when absent. */
  encoding: string;
  headerStart: number;
  bodyStart: number;
  /** Where the next delimiter line (or the input) starts. */
  bodyEnd: number;
}

interface Frame {
  boundary: string;
  /** The signature type a multipart/signed names in its `protocol` parameter, lower-case; else null. */
  protocol: string | null;
  /** Parts of this multipart seen so far. */
  count: number;
}

const DASH = 45;
const HEADER_LINES_KEPT = 500;

/**
 * Walks the multipart structure of a message (RFC 2046 §5.1) line by line, without decoding anything,
 * and finds where it must be cut so that the parser never sees more than `maxParts` parts or
 * multiparts nested deeper than `maxDepth`: a MIME bomb of 10,000 nested or sibling parts costs one
 * linear pass here instead of a parser walking its tree. Attached messages are leaves here; their
 * own structure is scanned when they are parsed in turn.
 */
export function scanMime(raw: Buffer, maxDepth: number, maxParts: number): MimeScan {
  const s = raw.toString('latin1');
  const frames: Frame[] = [];
  const charsets = new Set<string>();
  let header: string[] | null = [];
  let [pos, partStart, parts, bodyStart] = [0, 0, 1, s.length];
  let rootMultipart = false;
  let rootSeen = false;
  let hasPlainText = false;
  const textParts: TextPart[] = [];
  const signatureParts: string[] = [];
  let [headerStart, open] = [0, null as TextPart | null];
  const close = (at: number) => {
    if (open) textParts.push({ ...open, bodyEnd: at });
    open = null;
  };
  const result = (cutAt: number | null, reason: string | null): MimeScan => {
    close(cutAt ?? s.length);
    return {
      cutAt,
      reason,
      parts,
      charsets: [...charsets],
      boundaryMissing: rootMultipart && !rootSeen && cutAt === null,
      bodyStart,
      hasPlainText,
      textParts,
      signatureParts,
    };
  };

  while (pos < s.length) {
    const lineStart = pos;
    const end = s.indexOf('\n', pos);
    pos = end < 0 ? s.length : end + 1;
    const isDelimiter = s.charCodeAt(lineStart) === DASH && s.charCodeAt(lineStart + 1) === DASH;
    if (isDelimiter && frames.length) {
      const hit = delimiterOf(s.slice(lineStart, pos), frames);
      if (hit) {
        close(lineStart);
        if (hit.index === 0) rootSeen = true;
        frames.length = hit.closing ? hit.index : hit.index + 1;
        header = hit.closing ? null : [];
        if (!hit.closing && ++parts > maxParts)
          return result(lineStart, `the message has more than ${maxParts} MIME parts`);
        if (!hit.closing) [partStart, headerStart] = [lineStart, pos];
        if (!hit.closing) frames[hit.index]!.count++;
        continue;
      }
    }
    if (!header) continue;
    const line = s.slice(lineStart, pos).replace(/\r?\n$/, '');
    if (line !== '') {
      if (header.length < HEADER_LINES_KEPT) header.push(line);
      continue;
    }
    const type = contentTypeOf(header);
    const inline = !isAttachment(header);
    if ((type.mime === 'text/plain' || type.mime === '') && inline) hasPlainText = true;
    if (inline && isReadAsText(type.mime, header))
      open = {
        section: frames.map((f) => f.count).join('.'),
        mime: type.mime,
        charset: type.charset ?? null,
        encoding: headerValueOf(header, 'content-transfer-encoding').trim().toLowerCase(),
        headerStart,
        bodyStart: pos,
        bodyEnd: pos,
      };
    if (isSignature(frames, type.mime)) signatureParts.push(frames.map((f) => f.count).join('.'));
    header = null;
    if (bodyStart === s.length) [bodyStart, rootMultipart] = [pos, Boolean(type.boundary)];
    if (type.charset && type.mime.startsWith('text/')) charsets.add(type.charset.toLowerCase());
    if (!type.boundary) continue;
    frames.push({ boundary: type.boundary, count: 0, protocol: type.protocol ?? null });
    if (frames.length > maxDepth)
      return result(Math.max(partStart, bodyStart), `MIME parts are nested deeper than ${maxDepth} levels`);
  }
  return result(null, null);
}

// The signature types of OpenPGP (RFC 3156 §5) and S/MIME (RFC 8551 §3.5.3).
const SIGNATURE = /^application\/(?:pgp-signature|(?:x-)?pkcs7-signature)$/;

/**
 * Whether a part is the detached signature of the multipart/signed it sits in: its second part, of
 * the type the `protocol` parameter names (RFC 1847 §2.1). A signature type elsewhere is a file like
 * any other, which a phishing mail may label so to pass for one.
 */
function isSignature(frames: Frame[], mime: string): boolean {
  const parent = frames.at(-1);
  return parent?.count === 2 && parent.protocol === mime && SIGNATURE.test(mime);
}

/** The open multipart a delimiter line belongs to, innermost first; trailing blanks are allowed (RFC 2046 §5.1.1). */
function delimiterOf(line: string, frames: Frame[]): { index: number; closing: boolean } | null {
  const text = line.replace(/[ \t\r\n]+$/, '');
  for (let i = frames.length - 1; i >= 0; i--) {
    const delimiter = `--${frames[i]!.boundary}`;
    if (text === delimiter) return { index: i, closing: false };
    if (text === `${delimiter}--`) return { index: i, closing: true };
  }
  return null;
}

function isAttachment(lines: string[]): boolean {
  return /^[ \t]*attachment/i.test(headerValueOf(lines, 'content-disposition'));
}

/**
 * Whether mailparser reads the leaf as text. Without a Content-Type it guesses the type from a
 * disposition filename, so such a part is left alone.
 */
function isReadAsText(mime: string, lines: string[]): boolean {
  if (mime === '') return !headerValueOf(lines, 'content-disposition');
  return mime === 'text/plain' || mime === 'text/html';
}

function headerValueOf(lines: string[], name: string): string {
  const unfolded = lines.join('\n').replace(/\n[ \t]+/g, ' ');
  return new RegExp(`(?:^|\\n)${name}[ \\t]*:([^\\n]*)`, 'i').exec(unfolded)?.[1] ?? '';
}

function contentTypeOf(lines: string[]): {
  mime: string;
  boundary?: string;
  charset?: string;
  protocol?: string;
} {
  const value = headerValueOf(lines, 'content-type');
  const mime = (value.split(';')[0] ?? '').trim().toLowerCase();
  const param = (name: string) =>
    new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(value)?.slice(1).find(Boolean);
  return {
    mime,
    ...(mime.startsWith('multipart/') ? { boundary: param('boundary') } : {}),
    ...(mime === 'multipart/signed' ? { protocol: param('protocol')?.trim().toLowerCase() } : {}),
    charset: param('charset'),
  };
}
