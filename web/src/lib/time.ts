const local = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'short',
});

/**
 * A timestamp in the user's time zone as `2026-03-01 21:04:05 CET`: ISO order whatever the locale
 * (03/01 means different days on either side of the Atlantic), with the zone named so a shared
 * screenshot is unambiguous.
 */
export function formatLocal(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const part: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const p of local.formatToParts(d)) part[p.type] = p.value;
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}:${part.second} ${part.timeZoneName}`;
}

/** The local date alone, `2026-03-01`. */
export const formatLocalDate = (iso: string): string => formatLocal(iso).slice(0, 10);

/** The same instant in UTC, as incident timelines and other teams' reports quote it. */
export function formatUtc(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${d.toISOString().replace('T', ' ').slice(0, 19)} UTC`;
}

/** A span as a handler reads it at a glance: `<1 min`, `42 min`, `3 h 5 min`, `2 d 4 h`. */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  if (minutes < 1) return '<1 min';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

const WEEK_MS = 7 * 24 * 3_600_000;

/**
 * `in 42 min` or `42 min ago`, relative to `now`; a week or more away, the local date (`2023-08-14`):
 * nobody reads `1004 d 7 h ago`, and old reports (archives, imported mail) are common.
 */
export function formatRelative(iso: string, now: Date): string {
  const at = new Date(iso).getTime();
  if (Number.isNaN(at)) return iso;
  const diff = at - now.getTime();
  if (Math.abs(diff) >= WEEK_MS) return formatLocalDate(iso);
  return diff >= 0 ? `in ${formatDuration(diff)}` : `${formatDuration(diff)} ago`;
}
