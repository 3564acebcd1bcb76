import type { Incident } from '#contracts/incidents.ts';
import type { FieldChange } from '../../ui/conflict-notice.tsx';
import { outcomeLabel, phaseLabel, stageLabel } from './incident-labels.ts';

const clip = (s: string) => (s.length > 120 ? `${s.slice(0, 117)}…` : s);
const none = (s: string | null | undefined) => (s ? clip(s) : 'none');

const fields: { label: string; show: (i: Incident) => string }[] = [
  { label: 'Title', show: (i) => `“${clip(i.title)}”` },
  { label: 'Summary', show: (i) => (i.summary ? `“${clip(i.summary)}”` : 'empty') },
  { label: 'Phase', show: (i) => phaseLabel[i.phase] },
  { label: 'Severity', show: (i) => none(i.severity) },
  {
    label: 'Priority',
    show: (i) =>
      `${i.priority ?? 'none'}${i.priorityOverride ? ` (override: ${i.priorityOverride.reason})` : ''}`,
  },
  { label: 'Verified', show: (i) => (i.verified ? `by ${i.verified.by}` : 'not yet') },
  { label: 'Lead', show: (i) => i.lead?.name ?? 'none' },
  {
    label: 'Handlers',
    show: (i) => (i.handlers?.length ? i.handlers.map((h) => h.name).join(', ') : 'none'),
  },
  { label: 'TLP', show: (i) => i.tlp.toUpperCase() },
  { label: 'PAP', show: (i) => i.pap.toUpperCase() },
  { label: 'Constituency', show: (i) => none(i.constituency?.name) },
  {
    label: 'Classification',
    show: (i) =>
      i.classification ? `${i.classification.typeLabel} (${stageLabel[i.classification.stage]})` : 'none',
  },
  {
    label: 'Closure',
    show: (i) => (i.closure ? `${outcomeLabel[i.closure.outcome]}: ${clip(i.closure.summary)}` : 'open'),
  },
  { label: 'Reports', show: (i) => String(i.reportIds.length) },
];

/** What differs between the incident as the user loaded it and as it is now, field by field. */
export function incidentDiff(before: Incident, after: Incident): FieldChange[] {
  return fields
    .map((f) => ({ label: f.label, before: f.show(before), after: f.show(after) }))
    .filter((c) => c.before !== c.after);
}
