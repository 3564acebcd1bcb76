/** Longest file name kept; longer ones keep their start and extension. */
const MAX_FILENAME = 200;
// type/subtype with optional parameters, the characters RFC 9110 allows in a token.
const MEDIA_TYPE =
  /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+(\s*;\s*[a-z0-9!#$&^_.+-]+=("[^"\r\n\\]*"|[a-z0-9!#$&^_.+-]+))*$/i;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * A sender's file name made safe to store and show: no path, no control or bidi-override characters
 * (U+202E turns `invoice<U+202E>fdp.exe` into what reads as a PDF), trimmed, bounded; `fallback`
 * when nothing is left.
 */
export function cleanFilename(name: string, fallback = 'attachment'): string {
  const base = (name.split(/[/\\]/).pop() ?? '').replace(LONE_SURROGATE, '\ufffd');
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  if (!cleaned || cleaned === '.' || cleaned === '..') return fallback;
  if (cleaned.length <= MAX_FILENAME) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const ext = dot > 0 && cleaned.length - dot <= 16 ? cleaned.slice(dot) : '';
  return cleaned.slice(0, MAX_FILENAME - ext.length) + ext;
}

/** The sender's media type when well-formed (it ends up in a header), else application/octet-stream. */
export function cleanContentType(type: string): string {
  const trimmed = type.trim();
  return trimmed.length <= 200 && MEDIA_TYPE.test(trimmed)
    ? trimmed.toLowerCase()
    : 'application/octet-stream';
}

/** A name for a raw submission, by its media type. */
export function rawFilename(contentType: string): string {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (type === 'message/rfc822') return 'raw.eml';
  if (type === 'application/json') return 'raw.json';
  if (type.startsWith('text/')) return 'raw.txt';
  return 'raw.bin';
}
