/**
 * The `key=value` dialects of log messages that are neither CEF, LEEF nor JSON, read into fields. Each
 * pattern starts only after a separator it names and holds no nested repetition: a 64 KiB line is
 * read in one pass.
 */

// `src=1.2.3.4 msg="a b"` (netfilter, Fortinet, Stormshield); `action:"Drop"; dst:"1.2.3.4";` (Check Point,
// whose IKE fields end in a colon of their own: `ike::"Main Mode"`).
export const EQUALS_PAIR =
  /(?:^|[\s,;])([A-Za-z_][\w.-]{0,63})=("(?:[^"\\]|\\.)*"|'[^']*'|<[^>\s]*>|[^\s,;]*)/g;
const QUOTED_COLON_PAIR = /(?:^|[\s;[])([A-Za-z_][\w.-]{0,63})::?("(?:[^"\\]|\\.)*")/g;
// `SrcIP: 10.0.0.1, DstIP: …` (Cisco Firepower), `IP Address: 10.0.0.1,Computer name: …` (Symantec),
// `[Source: 10.0.0.1] [localport: 22]` (Cisco IOS): names of up to four words, after a comma or a
// bracket, so that prose (`error message: …`) gives none; or opening the message (Symantec's `Site: …,`),
// which counts only beside two more pairs (see `keyValuePairs`).
export const COLON_SPACE_PAIR =
  /(?:^|,\s?|\[)([A-Za-z_][\w.()/-]*(?: [\w.()/-]+){0,3}):(?: |(?=[,\]]|$))([^,\]]*)/g;
// `UseCase=Host Lookup, Device IP Address=10.0.0.1, cisco-av-pair=a=b` (Cisco ISE and ACS): pairs set off
// by a comma and a space, whose values run to the next comma, spaces and equals signs included. A name of
// several words starts the message or follows a comma; after a mere space (`logged in from host=…`) the
// name is the one word before the `=`.
const COMMA_EQUALS_PAIR =
  /(?:^|,\s|\s(?=[A-Za-z_][\w.-]*=))([A-Za-z_][\w.-]*(?: [A-Za-z_][\w.-]*){0,3})=("(?:[^"\\]|\\.)*"(?=\s*(?:,|$))|[^,]*)/g;
// `Type: Virus\r\nName: EICAR\r\nUser: PC\jdoe` (Kaspersky, Windows event text): one `Name: value` a line,
// the line breaks escaped as the relay wrote them, since a body's real line breaks end the event.
const LINE_COLON_PAIR =
  /(?:^|\\r\\n)(?:\s|\\t)*([A-Za-z_][\w.()/-]*(?: [\w.()/-]+){0,3}):(?=[ \t]|\\t|\\r\\n|$)(?:[ \t]|\\t)*((?:[^\\]|\\(?!r\\n))*)/g;
// `Group <VPN> User <jdoe> IP <192.0.2.1>`: Cisco ASA and FTD's own pairs (VPN and AAA messages), names
// capitalised, of one or two words.
const ANGLE_PAIR = /(?:^|\s)([A-Z][\w.-]*(?: [A-Za-z][\w.-]*)?) <([^<>]*)>/g;

const QUOTED = /^(?:"(?:[^"\\]|\\.)*"|'[^']*')$/;
const unquoted = (value: string) =>
  QUOTED.test(value) ? value.slice(1, -1).replace(/\\(["\\])/g, '$1') : value;

/** Which dialect a message's pairs were read in: the caller keeps `colon` cells as columns too. */
export type PairKind =
  'separated' | 'equals' | 'comma-equals' | 'quoted-colon' | 'colon' | 'line-colon' | 'angle';

const STYLES: readonly (readonly [PairKind, RegExp])[] = [
  ['equals', EQUALS_PAIR],
  ['comma-equals', COMMA_EQUALS_PAIR],
  ['quoted-colon', QUOTED_COLON_PAIR],
  ['colon', COLON_SPACE_PAIR],
  ['line-colon', LINE_COLON_PAIR],
  ['angle', ANGLE_PAIR],
];

/**
 * `key=value`, `key:"value"` or `Key: value` pairs (quoted values unquoted), when a message has at
 * least two: the style with most pairs, as one style's values may hold another (Check Point's
 * `__policy_id_tag:"product=…;mgmt=…"`); on a tie the earlier style, so that plain `key=value` wins
 * over the comma style's names of several words (`Accepted connection from src=…, dst=…`) unless
 * the comma style shows its own dialect (see `commaDialect`).
 */
export function keyValuePairs(text: string): { pairs: [string, string][]; kind: PairKind } | undefined {
  const equals = [...text.matchAll(EQUALS_PAIR)];
  const separated = separatedPairs(text, equals.length);
  if (separated) return { pairs: separated, kind: 'separated' };
  const styles = STYLES.map(([kind, style]) => {
    const pairs = style === EQUALS_PAIR ? equals : [...text.matchAll(style)];
    // `error: disk full, retry: 3` is prose: an opening `Name: value` needs two more pairs beside it.
    if (kind === 'colon' && pairs.length < 3) return { kind, pairs: pairs.filter((m) => !/^\w/.test(m[0])) };
    return { kind, pairs };
  });
  const { kind, pairs } = styles.reduce((most, s) =>
    s.pairs.length > most.pairs.length ||
    (s.kind === 'comma-equals' && s.pairs.length === most.pairs.length && commaDialect(s.pairs))
      ? s
      : most,
  );
  if (pairs.length < 2) return undefined;
  return {
    kind,
    pairs: pairs.map((m) => {
      let value = m[2]!.trim();
      // Only a comma closes a value with spaces: the last one ends at a space, as in `nrcpt=1 (queue active)`.
      if (kind === 'comma-equals' && m.index + m[0].length === text.length && !QUOTED.test(value))
        value = value.split(/\s/, 1)[0]!;
      return [m[1]!, unquoted(value)];
    }),
  };
}

/**
 * Cisco ISE's dialect, on a tie with plain `key=value`: a name of several words after a comma
 * (`, Device IP Address=…`) or a value with spaces before a comma (`UseCase=Host Lookup, …`). Words
 * before the first name (`Accepted connection from src=…`) are no evidence: prose reads the same.
 */
function commaDialect(pairs: RegExpExecArray[]): boolean {
  return pairs.some(
    (m, i) => (m.index > 0 && m[1]!.includes(' ')) || (i < pairs.length - 1 && /\s/.test(m[2]!.trim())),
  );
}

/**
 * `key=value<TAB>key=value` (Zscaler NSS), `who=A B (1);who_ip=…` (BeyondTrust), `a=1|b=2`: when every
 * cell between separators (outside quotes) is a pair, each value runs to the separator, spaces and all;
 * unless plain `key=value` reads more pairs (`url=/a;jsessionid=x` after `src=… dst=…`).
 */
function separatedPairs(text: string, equalsPairs: number): [string, string][] | undefined {
  for (const separator of ['\t', ';', '|']) {
    const cells = splitOutsideQuotes(text, separator);
    if (cells.length < 2 || cells.length < equalsPairs) continue;
    if (!cells.every((cell) => /^ *[A-Za-z_][\w.-]{0,63}=/.test(cell))) continue;
    return cells.map((cell) => {
      const [key, value] = cell.trim().split(/=(.*)/s, 2) as [string, string];
      return [key, unquoted(value.trim())];
    });
  }
  return undefined;
}

/** `text` cut at each `separator` outside double quotes (`\"` escaped), in one pass. */
function splitOutsideQuotes(text: string, separator: string): string[] {
  const cells: string[] = [];
  let [start, quoted] = [0, false];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted && ch === '\\') i++;
    else if (ch === '"') quoted = !quoted;
    else if (ch === separator && !quoted) {
      cells.push(text.slice(start, i));
      start = i + 1;
    }
  }
  return [...cells, text.slice(start)];
}
