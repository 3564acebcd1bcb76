/** One event of a telemetry body: parsed, with its raw text, or why it could not be read. */
export type BodyEvent =
  { line: number; event: Record<string, unknown>; raw: string } | { line: number; error: string };

/** Longest event (one line, or one element of an array): raw submissions are kept whole. */
export const MAX_EVENT_CHARS = 1_048_576;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Splits a telemetry body into events. Accepted: one JSON object, a JSON array of objects, or JSON
 * lines (one object per line, as Suricata's eve.json and Wazuh's alerts.json are written). In JSON
 * lines a line that is no JSON object is an error of that line; a body that is not JSON at all — a
 * single broken document, or lines none of which is JSON — is `malformed` and nothing is taken.
 *
 * `line` is the line number in JSON lines, the position (from 1) in an array, 1 for a single object.
 * Blank lines are skipped. The raw text of an event is its line, the body of a single object, or an
 * array element serialised again (the array's own bytes are not split).
 */
export function readEvents(body: string): { events: BodyEvent[] } | { malformed: string } {
  if (!body.trim()) return { malformed: 'The body is empty' };
  let whole: unknown;
  let wholeError: string | undefined;
  try {
    whole = JSON.parse(body);
  } catch (err) {
    wholeError = (err as Error).message;
  }
  if (wholeError === undefined) {
    if (isObject(whole)) return { events: [one(1, whole, body.trim())] };
    if (Array.isArray(whole))
      return { events: whole.map((item, i) => one(i + 1, item, JSON.stringify(item))) };
    return { malformed: 'Expected a JSON object, an array of objects, or JSON lines' };
  }

  const lines = body.split(/\r?\n/);
  const filled = lines.filter((l) => l.trim()).length;
  const sequence = () => {
    const values = splitConcatenated(body);
    return values && values.length > 1 ? { events: values.map((v) => one(v.line, v.value, v.raw)) } : null;
  };
  if (filled < 2) return sequence() ?? { malformed: `The body is not valid JSON: ${wholeError}` };
  const events: BodyEvent[] = [];
  lines.forEach((text, i) => {
    if (!text.trim()) return;
    if (text.length > MAX_EVENT_CHARS) {
      events.push({ line: i + 1, error: `The line is longer than ${MAX_EVENT_CHARS} characters` });
      return;
    }
    try {
      events.push(one(i + 1, JSON.parse(text), text.trim()));
    } catch (err) {
      events.push({ line: i + 1, error: `Not valid JSON: ${(err as Error).message}` });
    }
  });
  if (events.every((e) => 'error' in e && e.error.startsWith('Not valid JSON')))
    return sequence() ?? { malformed: 'The body is neither JSON nor JSON lines: no line is valid JSON' };
  return { events };
}

const RS = String.fromCharCode(0x1e);

/**
 * JSON documents one after another, each spread over lines (`jq .` output, examples pasted from
 * documentation) or separated by RS as in RFC 7464 JSON text sequences: each with the line it starts
 * on. Null when the text is not such a sequence of objects and arrays.
 */
export function splitConcatenated(body: string): { line: number; value: unknown; raw: string }[] | null {
  const out: { line: number; value: unknown; raw: string }[] = [];
  let depth = 0;
  let inString = false;
  let escaped = false;
  let start = -1;
  let line = 1;
  let startLine = 1;
  for (let i = 0; i < body.length; i++) {
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
  return depth === 0 && !inString ? out : null;
}

/**
 * Documents exported from an Elasticsearch or OpenSearch index (the Wazuh indexer, Security Onion,
 * Kibana's "inspect"), read as the events they hold: a search answer gives the `_source` of each of
 * its `hits.hits`, a single hit its `_source`. Other events are kept as they are.
 */
export function unwrapIndexDocuments(events: BodyEvent[]): BodyEvent[] {
  return events.flatMap((e) => {
    if ('error' in e) return [e];
    const hits = isObject(e.event.hits) ? e.event.hits.hits : undefined;
    if (Array.isArray(hits) && !('_source' in e.event))
      return hits.map(
        (hit: unknown) => sourceOf(e.line, hit) ?? { line: e.line, error: 'A hit without _source' },
      );
    return [sourceOf(e.line, e.event) ?? e];
  });
}

function sourceOf(line: number, hit: unknown): BodyEvent | null {
  if (!isObject(hit) || !isObject(hit._source)) return null;
  return { line, event: hit._source, raw: JSON.stringify(hit._source) };
}

function one(line: number, value: unknown, raw: string): BodyEvent {
  if (!isObject(value)) return { line, error: 'Not a JSON object' };
  if (raw.length > MAX_EVENT_CHARS)
    return { line, error: `The event is longer than ${MAX_EVENT_CHARS} characters` };
  return { line, event: value, raw };
}
