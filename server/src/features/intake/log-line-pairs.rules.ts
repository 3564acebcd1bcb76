import type { EventObject } from './event-fields.rules.ts';

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
// bracket only, so that prose (`error message: …`) gives none.
export const COLON_SPACE_PAIR =
  /(?:^|,\s?|\[)([A-Za-z_][\w.()/-]*(?: [\w.()/-]+){0,3}):(?: |(?=[,\]]|$))([^,\]]*)/g;
// `UseCase=Host Lookup, Device IP Address=10.0.0.1, cisco-av-pair=a=b` (Cisco ISE and ACS): pairs set off
// by a comma and a space, whose values run to the next comma, spaces and equals signs included.
const COMMA_EQUALS_PAIR =
  /(?:^|,?\s)([A-Za-z_][\w.-]*(?: [A-Za-z_][\w.-]*){0,3})=("(?:[^"\\]|\\.)*"(?=\s*(?:,|$))|[^,]*)/g;
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

/**
 * Fields from pairs, the first of a repeated key kept: own properties only, so keys such as
 * `__proto__` or `constructor` are fields like any other.
 */
export function ownFields(pairs: readonly (readonly [string, unknown])[]): EventObject {
  const seen = new Set<string>();
  return Object.fromEntries(pairs.filter(([key]) => !seen.has(key) && seen.add(key)));
}

/**
 * `key=value`, `key:"value"` or `Key: value` pairs (quoted values unquoted), when a message has at
 * least two: the style with most pairs, as one style's values may hold another (Check Point's
 * `__policy_id_tag:"product=…;mgmt=…"`); on a tie the earlier style.
 */
export function keyValueFields(text: string): { fields: EventObject; style: RegExp } | undefined {
  // `key=value<TAB>key=value` (Zscaler NSS), `who=A B (1);who_ip=…` (BeyondTrust), `a=1|b=2`: when every
  // cell between separators is a pair, each value runs to the separator, spaces and all.
  for (const separator of ['\t', ';', '|']) {
    const cells = text.split(separator);
    if (cells.length < 2 || !cells.every((cell) => /^ *[A-Za-z_][\w.-]{0,63}=/.test(cell))) continue;
    const pairs = cells.map((cell) => cell.trim().split(/=(.*)/s, 2) as [string, string]);
    return {
      fields: ownFields(pairs.map(([key, value]) => [key, unquoted(value.trim())])),
      style: EQUALS_PAIR,
    };
  }
  const styles = [
    COMMA_EQUALS_PAIR,
    EQUALS_PAIR,
    QUOTED_COLON_PAIR,
    COLON_SPACE_PAIR,
    LINE_COLON_PAIR,
    ANGLE_PAIR,
  ].map((style) => ({ style, pairs: [...text.matchAll(style)] }));
  const { style, pairs } = styles.reduce((most, s) => (s.pairs.length > most.pairs.length ? s : most));
  if (pairs.length < 2) return undefined;
  const fields = ownFields(
    pairs.map((m) => {
      let value = m[2]!.trim();
      // Only a comma closes a value with spaces: the last one ends at a space, as in `nrcpt=1 (queue active)`.
      if (style === COMMA_EQUALS_PAIR && m.index + m[0].length === text.length && !QUOTED.test(value))
        value = value.split(/\s/, 1)[0]!;
      return [m[1]!, unquoted(value)];
    }),
  );
  return { fields, style };
}
