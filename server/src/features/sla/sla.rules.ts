import { DateTime } from 'luxon';
import type { Priority } from '#contracts/incidents.ts';

/** When the team works; business-hours targets only count time inside it. */
export interface BusinessCalendar {
  /** IANA zone the hours and holidays are in, e.g. `Europe/Berlin`. */
  timeZone: string;
  /** ISO weekdays that are working days: 1 = Monday … 7 = Sunday. */
  workdays: number[];
  /** Working hours `[startHour, endHour)` in local time; `endHour` 24 is midnight. */
  startHour: number;
  endHour: number;
  /** Non-working dates (`2026-12-25`) in the calendar's zone. */
  holidays: string[];
}

export interface SlaTarget {
  responseMinutes: number;
  resolutionMinutes: number;
  /** Count only the calendar's working time instead of wall-clock time. */
  businessHours: boolean;
}

export interface SlaWarning {
  /** Share of the target the warning comes before the due time… */
  fraction: number;
  /** …but at least this many minutes before it. */
  minimumMinutes: number;
}

/** The defaults and their table are in platform/config/sla-config.ts. */
export interface SlaPolicy {
  targets: Record<Priority, SlaTarget>;
  calendar: BusinessCalendar;
  warning: SlaWarning;
}

export interface SlaDeadlines {
  responseWarnAt: Date;
  responseDueAt: Date;
  resolutionWarnAt: Date;
  resolutionDueAt: Date;
}

const MINUTE_MS = 60_000;
// Far beyond any target; only a calendar with (almost) no working time gets here.
const MAX_DAYS = 3660;

/**
 * When `minutes` of time have passed after `start`: wall-clock time without a calendar, otherwise
 * working time of the calendar. Working hours are local times of its zone, so they stay 09:00–17:00
 * across DST changes; time inside them is real elapsed time (a DST hour within them counts once).
 */
export function dueAt(start: Date, minutes: number, calendar: BusinessCalendar | null): Date {
  if (!calendar || minutes <= 0) return new Date(start.getTime() + Math.max(minutes, 0) * MINUTE_MS);
  const holidays = new Set(calendar.holidays);
  let remaining = minutes * MINUTE_MS;
  let cursor: DateTime = DateTime.fromJSDate(start, { zone: calendar.timeZone });
  if (!cursor.isValid) throw new Error(`Unknown time zone ${calendar.timeZone}`);
  for (let day = 0; day < MAX_DAYS; day++) {
    const midnight: DateTime = cursor.startOf('day');
    const next: DateTime = midnight.plus({ days: 1 });
    const working = calendar.workdays.includes(midnight.weekday) && !holidays.has(midnight.toISODate() ?? '');
    if (working) {
      const open = midnight.set({ hour: calendar.startHour }).toMillis();
      const close =
        calendar.endHour >= 24 ? next.toMillis() : midnight.set({ hour: calendar.endHour }).toMillis();
      const from = Math.max(cursor.toMillis(), open);
      if (from < close) {
        if (remaining <= close - from) return new Date(from + remaining);
        remaining -= close - from;
      }
    }
    cursor = next;
  }
  throw new Error('The business calendar has no working time in the next ten years');
}

/** How long before the due time the warning comes: the larger of the share and the minimum, at most the target. */
export function warningLeadMinutes(targetMinutes: number, warning: SlaWarning): number {
  const lead = Math.max(Math.round(targetMinutes * warning.fraction), warning.minimumMinutes);
  return Math.min(lead, targetMinutes);
}

/** Warning and due times of both clocks for an incident of this priority, counted from `start`. */
export function slaDeadlines(priority: Priority, start: Date, policy: SlaPolicy): SlaDeadlines {
  const target = policy.targets[priority];
  const calendar = target.businessHours ? policy.calendar : null;
  const clock = (minutes: number) => ({
    warnAt: dueAt(start, minutes - warningLeadMinutes(minutes, policy.warning), calendar),
    dueAt: dueAt(start, minutes, calendar),
  });
  const response = clock(target.responseMinutes);
  const resolution = clock(target.resolutionMinutes);
  return {
    responseWarnAt: response.warnAt,
    responseDueAt: response.dueAt,
    resolutionWarnAt: resolution.warnAt,
    resolutionDueAt: resolution.dueAt,
  };
}
