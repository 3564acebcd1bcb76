import { lines, MAX_EVENT_CHARS, readEvents, type BodyEvent } from './telemetry-body.rules.ts';

/**
 * Splits a Zeek log body into events: the ASCII writer's TSV (one or several logs, each with its
 * header block) or its JSON lines (`LogAscii::use_json=T`, as Corelight and Security Onion ship
 * them). TSV is recognised by a `#separator` or `#fields` header at the start of a line.
 */
export function readZeekBody(
  body: string,
  maxEvents = Infinity,
): { events: BodyEvent[] } | { malformed: string } {
  if (/^#(?:separator |fields)/m.test(body)) return { events: readZeekTsv(body, maxEvents) };
  const indent = /^([ \t]+)#(?:separator |fields)/m.exec(body)?.[1];
  if (indent) return { events: readZeekTsv(body, maxEvents, indent) };
  const read = readEvents(body, { indexExports: true, maxEvents });
  if ('malformed' in read && body.trim() && !/^\s*[[{]/.test(body))
    return { malformed: 'The body is neither a Zeek log with a #fields header nor JSON lines' };
  return read;
}

/** The state of one header block: what the writer declared, and Zeek's defaults until it does. */
interface Block {
  separator: string;
  setSeparator: string;
  empty: string;
  unset: string;
  path?: string;
  fields?: string[];
  types?: string[];
  /** A `#fields` line without the separator: a copy whose tabs were turned into spaces. */
  fieldsUnseparated?: boolean;
}

const freshBlock = (separator = '\t'): Block => ({
  separator,
  setSeparator: ',',
  empty: '(empty)',
  unset: '-',
});

/**
 * Reads Zeek's TSV: each data line becomes an event keyed by the `#fields` names as Zeek writes them
 * (flat, dotted: `id.orig_h`), with `_path` from `#path`, as the JSON writer gives them. Values follow
 * `#types`: numbers, T/F, sets and vectors as arrays; unset fields are left out, empty ones are '' (an
 * empty set []). A `#separator` line starts a new block, so concatenated logs read as they are.
 *
 * `indent`: a log pasted as an indented block (Markdown code, a quoted mail) has it before each line;
 * it is taken off, and lines without it (prose around the block) are skipped. No Zeek data line
 * starts with a separator: its first field is written even when unset.
 */
export function readZeekTsv(body: string, maxEvents = Infinity, indent = ''): BodyEvent[] {
  const events: BodyEvent[] = [];
  let block = freshBlock();
  for (const { line, text: whole } of lines(body)) {
    if (events.length > maxEvents) break;
    if (!whole.startsWith(indent)) continue;
    const text = whole.slice(indent.length);
    if (!text.trim()) continue;
    if (text.startsWith('#')) block = withHeader(block, text);
    else events.push(dataLine(block, line, text));
  }
  return events;
}

/** The block after one header line; comments and headers Zeek does not write change nothing. */
function withHeader(block: Block, text: string): Block {
  // `#separator \x09`: the one header whose name and value a space divides, the value escaped.
  if (text.startsWith('#separator ')) return freshBlock(unescapeZeek(text.slice(11)) || '\t');
  const [name, ...values] = text.split(block.separator);
  const value = unescapeZeek(values.join(block.separator));
  switch (name) {
    case '#set_separator':
      return value ? { ...block, setSeparator: value } : block;
    case '#empty_field':
      return { ...block, empty: value };
    case '#unset_field':
      return { ...block, unset: value };
    case '#path':
      return { ...block, path: value || undefined };
    case '#fields':
      return { ...block, fields: values, types: undefined, fieldsUnseparated: false };
    case '#types':
      return { ...block, types: values };
    default:
      return /^#fields +\S/.test(name ?? '')
        ? { ...block, fields: undefined, types: undefined, fieldsUnseparated: true }
        : block;
  }
}

function dataLine(block: Block, line: number, text: string): BodyEvent {
  if (text.length > MAX_EVENT_CHARS)
    return { line, error: `The line is longer than ${MAX_EVENT_CHARS} characters` };
  // Zeek escapes every control byte: a bare NUL is no Zeek output, and PostgreSQL text cannot hold it.
  if (text.includes('\u0000')) return { line, error: 'The line holds a NUL byte' };
  const { fields } = block;
  if (!fields && block.fieldsUnseparated)
    return {
      line,
      error: 'The #fields names are not divided by the #separator (were its tabs turned into spaces?)',
    };
  if (!fields) return { line, error: 'A data line before any #fields header' };
  const values = text.split(block.separator);
  if (values.length !== fields.length)
    return { line, error: `Expected ${fields.length} fields as #fields names, found ${values.length}` };
  const types = block.types?.length === fields.length ? block.types : undefined;
  const entries: [string, unknown][] = block.path ? [['_path', block.path]] : [];
  values.forEach((v, i) => {
    const value = fieldValue(block, v, types?.[i]);
    if (value !== undefined) entries.push([fields[i]!, value]);
  });
  // fromEntries defines own properties: a field named __proto__ stays a field.
  return { line, event: Object.fromEntries(entries), raw: text };
}

/**
 * One field as its type says; undefined when unset. The unset and empty marks are compared before
 * unescaping: Zeek escapes the first character of a value that equals one (`\x2d` for a `-`).
 */
function fieldValue(block: Block, text: string, type: string | undefined): unknown {
  if (text === block.unset) return undefined;
  const container = type ? /^(?:set|vector|table)\[(.+)\]$/.exec(type) : null;
  if (container) {
    if (text === block.empty) return [];
    return text
      .split(block.setSeparator)
      .filter((element) => element !== block.unset)
      .map((element) => (element === block.empty ? '' : scalar(element, container[1])));
  }
  if (text === block.empty) return '';
  return scalar(text, type);
}

function scalar(text: string, type: string | undefined): unknown {
  switch (type) {
    case 'count':
    case 'int':
    case 'port': {
      const n = Number(text);
      // Counts beyond 2^53 stay text rather than lose digits.
      return /^-?\d+$/.test(text) && Number.isSafeInteger(n) ? n : unescapeZeek(text);
    }
    case 'double':
    case 'time':
    case 'interval': {
      const n = Number(text);
      return /^-?\d+(?:\.\d+)?(?:e[+-]?\d+)?$/i.test(text) && Number.isFinite(n) ? n : unescapeZeek(text);
    }
    case 'bool':
      return text === 'T' ? true : text === 'F' ? false : unescapeZeek(text);
    default:
      return unescapeZeek(text);
  }
}

const ESCAPE_RUN = /(?:\\x[0-9a-fA-F]{2})+/g;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Zeek's `\xHH` escapes (non-printable bytes, backslashes, the separator) decoded. Zeek escapes bytes:
 * older versions escaped each byte of a UTF-8 character too, so a run of escapes that forms UTF-8 is
 * read as UTF-8; another (a Latin-1 byte, binary) gives the character of each byte's value, without
 * touching the runs around it.
 */
export function unescapeZeek(text: string): string {
  if (!text.includes('\\x')) return text;
  return text.replace(ESCAPE_RUN, (run) => {
    const bytes = Uint8Array.from(run.slice(2).split('\\x'), (hex) => parseInt(hex, 16));
    try {
      return utf8.decode(bytes);
    } catch {
      return Array.from(bytes, (b) => String.fromCharCode(b)).join('');
    }
  });
}
