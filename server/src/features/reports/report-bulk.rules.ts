import { Tlp } from '#contracts/identity.ts';
import { Pap, Severity, type Report } from '#contracts/reports.ts';

/** The most restrictive of `values` in `order`, never below `floor`. */
function strictest<T extends string>(order: readonly T[], floor: T, values: T[]): T {
  return values.reduce((a, v) => (order.indexOf(v) > order.indexOf(a) ? v : a), floor);
}

type Source = Pick<Report, 'title' | 'tlp' | 'pap' | 'severity'>;

/**
 * What an incident opened from reports is given when the handler says nothing else: the first
 * report's title, the highest severity a sender gave, and markings at least as strict as every
 * report's with AMBER as the floor (an incident is never marked less strictly than its sources).
 */
export function openDefaults(reports: Source[]) {
  const severities = reports.flatMap((r) => (r.severity ? [r.severity] : []));
  return {
    title: reports[0]?.title ?? 'Incident from reports',
    tlp: strictest(
      Tlp.options,
      'amber',
      reports.map((r) => r.tlp),
    ),
    pap: strictest(
      Pap.options,
      'amber',
      reports.map((r) => r.pap),
    ),
    severity: severities.length ? strictest(Severity.options, 'low', severities) : undefined,
  };
}
