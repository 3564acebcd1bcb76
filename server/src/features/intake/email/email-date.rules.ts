import { parseEventTime } from '../event-fields.rules.ts';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

// RFC 5322 §4.3 obsolete zones; military letters carry no reliable meaning and count as -0000.
const ZONES: Record<string, number> = {
  ut: 0,
  utc: 0,
  gmt: 0,
  z: 0,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
};

const DATE =
  /^(?:[a-z]{3,9},?\s*)?(\d{1,2})[\s-]+([a-z]{3})[a-z]*[\s-]+(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*([+-]\d{4}(?!\d)|[a-z]{1,5}\b)?/i;

/**
 * A mail date (RFC 5322 §3.3 with the obsolete forms of §4.3, or ISO 8601 as X-ARF writes it) as an
 * ISO instant; null when it is none. Comments and junk after the zone are dropped; a date without a
 * zone is read as UTC so the result does not depend on the server's time zone (JavaScript's Date
 * would read it as local time).
 */
export function parseMailDate(text: string | null | undefined): string | null {
  if (!text) return null;
  const bare = text.replace(/\([^()]*\)/g, ' ').trim();
  const m = DATE.exec(bare);
  if (!m) return parseEventTime(bare)?.toISOString() ?? null;
  const [day, monthName, yearText, hour, minute, second, zone] = m.slice(1);
  const month = MONTHS.indexOf(monthName!.toLowerCase());
  let year = Number(yearText);
  // RFC 5322 §4.3: two-digit years below 50 are 20xx, others (and three digits) count from 1900.
  if (yearText!.length === 2) year += year < 50 ? 2000 : 1900;
  else if (yearText!.length === 3) year += 1900;
  const [d, h, mi, s] = [Number(day), Number(hour), Number(minute), Number(second ?? 0)];
  const local = Date.UTC(year, month, d, h, mi, s);
  const check = new Date(local);
  if (month < 0 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 60) return null;
  return new Date(local - zoneMinutes(zone) * 60_000).toISOString();
}

function zoneMinutes(zone: string | undefined): number {
  if (!zone) return 0;
  if (/^[+-]\d{4}$/.test(zone)) {
    const minutes = Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3));
    return zone.startsWith('-') ? -minutes : minutes;
  }
  return ZONES[zone.toLowerCase()] ?? 0;
}
