/** One event of a telemetry body: parsed, with its raw text, or why it could not be read. */
export type BodyEvent =
  { line: number; event: Record<string, unknown>; raw: string } | { line: number; error: string };

/** Longest event (one line, or one element of an array): raw submissions are kept whole. */
export const MAX_EVENT_CHARS = 1_048_576;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export interface ReadOptions {
  /**
   * Read Elasticsearch/OpenSearch exports (the Wazuh indexer, Security Onion, Kibana's "inspect") as
   * the events they hold: a search answer gives the `_source` of each of its `hits.hits`, a hit its
   * `_source`.
   */
  indexExports?: boolean;
  /**
   * Stop once this many events and one more are read: the caller refuses such a body, and a 16 MiB body of
   * tiny documents is not parsed whole first.
   */
  maxEvents?: number;
}

/**
 * Splits a telemetry body into events. Accepted: one JSON object, a JSON array of objects, JSON
 * lines (one object per line, as Suricata's eve.json and Wazuh's alerts.json are written), and JSON
 * documents one after another (`jq .` output, RFC 7464 sequences). In JSON lines a line that is no
 * JSON object is an error of that line; a body that is not JSON at all — a single broken document,
 * or lines none of which is JSON — is `malformed` and nothing is taken.
 *
 * `line` is where the event's document starts, or its position (from 1) in a whole-body array or
 * search answer. The raw text of an event is its document as written, or the element serialised
 * again (the array's own bytes are not split). The size limit applies to each event, after unwrapping.
 */
export function readEvents(
  body: string,
  options: ReadOptions = {},
): { events: BodyEvent[] } | { malformed: string } {
  if (!body.trim()) return { malformed: 'The body is empty' };
  const indexExports = options.indexExports ?? false;
  const maxEvents = options.maxEvents ?? Infinity;
  let whole: unknown;
  let wholeError: string | undefined;
  try {
    whole = JSON.parse(body);
  } catch (err) {
    wholeError = (err as Error).message;
  }
  if (wholeError === undefined) {
    if (isObject(whole) || Array.isArray(whole))
      return { events: documentEvents(1, whole, body.trim(), indexExports, true) };
    return { malformed: 'Expected a JSON object, an array of objects, or JSON lines' };
  }
  // JSON lines are such a sequence too; it fails as a whole on one broken document.
  const documents = splitConcatenated(body, maxEvents + 1);
  if (documents?.length)
    return { events: documents.flatMap((d) => documentEvents(d.line, d.value, d.raw, indexExports, false)) };

  const events: BodyEvent[] = [];
  for (const { line, text } of lines(body)) {
    if (events.length > maxEvents) break;
    if (!text.trim()) continue;
    if (text.length > MAX_EVENT_CHARS) {
      events.push({ line, error: `The line is longer than ${MAX_EVENT_CHARS} characters` });
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      events.push({ line, error: `Not valid JSON: ${(err as Error).message}` });
      continue;
    }
    events.push(...documentEvents(line, value, text.trim(), indexExports, false));
  }
  if (events.length < 2) return { malformed: `The body is not valid JSON: ${wholeError}` };
  if (events.every((e) => 'error' in e && e.error.startsWith('Not valid JSON')))
    return { malformed: 'The body is neither JSON nor JSON lines: no line is valid JSON' };
  return { events };
}

/**
 * The events of one document: the object, each element of a whole-body array, or what an index
 * export holds. Only a whole body numbers its events by position; in JSON lines a line is one object.
 */
function documentEvents(
  line: number,
  value: unknown,
  raw: string,
  indexExports: boolean,
  wholeBody: boolean,
): BodyEvent[] {
  const at = (i: number) => (wholeBody ? i + 1 : line);
  if (wholeBody && Array.isArray(value))
    return value.flatMap((item, i) => documentEvents(i + 1, item, JSON.stringify(item), indexExports, false));
  if (indexExports && isObject(value)) {
    const hits = isObject(value.hits) ? value.hits.hits : undefined;
    if (Array.isArray(hits) && !('_source' in value))
      return hits.map(
        (hit: unknown, i) => sourceOf(at(i), hit) ?? { line: at(i), error: 'A hit without _source' },
      );
    const source = sourceOf(line, value);
    if (source) return [source];
  }
  return [one(line, value, raw)];
}

const RS = String.fromCharCode(0x1e);

/**
 * JSON documents one after another, each spread over lines (`jq .` output, examples pasted from
 * documentation) or separated by RS as in RFC 7464 JSON text sequences: each with the line it starts
 * on. Null when the text is not such a sequence of objects and arrays.
 */
export function splitConcatenated(
  body: string,
  maxDocuments = Infinity,
): { line: number; value: unknown; raw: string }[] | null {
  const out: { line: number; value: unknown; raw: string }[] = [];
  let depth = 0;
  let inString = false;
  let escaped = false;
  let start = -1;
  let line = 1;
  let startLine = 1;
  for (let i = 0; i < body.length && out.length < maxDocuments; i++) {
    const c = body[i]!;
    if (c === '\n') line += 1;
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') inString = false;
      continue;
    }
    if (depth === 0) {
      // RS (U+001E) opens each text of an RFC 7464 sequence.
      if (c.trim() === '' || c === RS) continue;
      if (c !== '{' && c !== '[') return null;
      start = i;
      startLine = line;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth += 1;
    else if (c === '}' || c === ']') {
      depth -= 1;
      if (depth === 0) {
        const raw = body.slice(start, i + 1);
        if (raw.length > MAX_EVENT_CHARS) return null;
        try {
          out.push({ line: startLine, value: JSON.parse(raw), raw });
        } catch {
          return null;
        }
      }
    }
  }
  return out.length >= maxDocuments || (depth === 0 && !inString) ? out : null;
}

/** The lines of a body with their numbers (from 1), without a trailing CR, one at a time. */
export function* lines(body: string): Generator<{ line: number; text: string }> {
  for (let start = 0, line = 1; start < body.length; line++) {
    const end = body.indexOf('\n', start);
    const stop = end < 0 ? body.length : end;
    yield { line, text: body.slice(start, body[stop - 1] === '\r' ? stop - 1 : stop) };
    start = stop + 1;
  }
}

function sourceOf(line: number, hit: unknown): BodyEvent | null {
  if (!isObject(hit) || !isObject(hit._source)) return null;
  return one(line, hit._source, JSON.stringify(hit._source));
}

function one(line: number, value: unknown, raw: string): BodyEvent {
  if (!isObject(value)) return { line, error: 'Not a JSON object' };
  if (raw.length > MAX_EVENT_CHARS)
    return { line, error: `The event is longer than ${MAX_EVENT_CHARS} characters` };
  return { line, event: value, raw };
}
