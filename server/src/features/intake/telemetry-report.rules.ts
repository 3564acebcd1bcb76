import type { NewReport } from '#contracts/reports.ts';

/** What an event of a telemetry source becomes: a report, nothing (another kind of record), or an error. */
export type MappedEvent = { report: NewReport } | { ignored: string } | { error: string };

export const TITLE_MAX = 300;
export const BODY_MAX = 1_000_000;
export const SOURCE_REF_MAX = 200;

/** `label: value` lines for the values that are there. */
export function describeLines(lines: [string, string | undefined][]): string[] {
  return lines.flatMap(([label, value]) => (value ? [`${label}: ${value}`] : []));
}
