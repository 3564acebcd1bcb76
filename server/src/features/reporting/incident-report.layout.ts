import type { Incident, TimelineEntry } from '#contracts/incidents.ts';
import type { IncidentReportKind, IncidentSection } from '#contracts/reporting.ts';
import {
  formatDay,
  formatTime,
  tlpMarking,
  words,
  type ReportBlock,
  type ReportDocument,
} from './report-document.ts';
import { renderReportText } from './report-template.rules.ts';
import type { ReportAnalysis, ReportFollowUp, ReportLessons, ReportTask } from './reporting.store.ts';

/** Everything an incident report is made of, read in one transaction under the reader's scope. */
export interface IncidentReportData {
  incident: Incident;
  timeline: TimelineEntry[];
  tasks: ReportTask[];
  analysis: ReportAnalysis | null;
  lessons: ReportLessons | null;
  followUps: ReportFollowUp[];
}

export interface ReportTemplateText {
  title: string;
  sections: string[];
  intro: string;
  outro: string;
}

// Steps that change the systems (eradication, recovery) are the remediation the reports list.
const REMEDIATION_STEPS = new Set(['eradication', 'recovery']);
const DONE = new Set(['done', 'verified']);

const classificationText = (i: Incident) =>
  i.classification ? `${i.classification.typeLabel} (${i.classification.classLabel})` : 'unclassified';

export function incidentVariables(incident: Incident, team: string, now: Date): Record<string, string> {
  return {
    'incident.key': incident.key,
    'incident.title': incident.title,
    'incident.phase': words(incident.phase),
    'incident.priority': incident.priority ?? 'none',
    'incident.type': classificationText(incident),
    'incident.tlp': tlpMarking(incident.tlp),
    'constituency.name': incident.constituency?.name ?? 'none',
    'generated.at': formatTime(now.toISOString()),
    team,
  };
}

function summary(kind: IncidentReportKind, { incident: i }: IncidentReportData): ReportBlock[] {
  const facts: [string, string][] = [
    ['Incident', `${i.key} – ${i.title}`],
    ['Phase', words(i.phase)],
    ['Priority', i.priority ?? 'none'],
    ['Constituency', i.constituency?.name ?? 'none'],
    ['Opened', formatTime(i.createdAt)],
    ['Closed', formatTime(i.closure?.closedAt)],
    ['Outcome', words(i.closure?.outcome)],
  ];
  if (kind === 'technical')
    facts.push(
      ['Severity', i.severity ?? 'not assessed'],
      ['Marking', `${tlpMarking(i.tlp)}, PAP:${i.pap.toUpperCase()}`],
      ['Lead', i.lead ? `${i.lead.name} <${i.lead.email}>` : 'none'],
      ['Reports', String(i.reportIds.length)],
    );
  const blocks: ReportBlock[] = [{ kind: 'facts', rows: facts }];
  if (i.summary.trim()) blocks.push({ kind: 'paragraph', text: i.summary });
  if (i.closure?.summary.trim())
    blocks.push(
      { kind: 'subheading', text: 'Closing summary' },
      { kind: 'paragraph', text: i.closure.summary },
    );
  return blocks;
}

function classification(kind: IncidentReportKind, { incident: i }: IncidentReportData): ReportBlock[] {
  if (!i.classifications.length)
    return [{ kind: 'paragraph', text: 'The incident has not been classified.' }];
  if (kind === 'management') {
    return [{ kind: 'paragraph', text: `The incident is classified as ${classificationText(i)}.` }];
  }
  return [
    {
      kind: 'table',
      columns: ['Stage', 'Classification', 'By', 'When', 'Note'],
      widths: [1, 2.4, 1.6, 1.5, 2.5],
      rows: i.classifications.map((c) => [
        c.stage,
        `${c.typeLabel} (${c.typeId})`,
        c.actor,
        formatTime(c.at),
        c.note,
      ]),
    },
  ];
}

function timeline(kind: IncidentReportKind, { timeline: entries }: IncidentReportData): ReportBlock[] {
  if (!entries.length) return [{ kind: 'paragraph', text: 'No timeline entries.' }];
  if (kind === 'management')
    return [
      {
        kind: 'table',
        columns: ['When', 'What happened'],
        widths: [1, 4],
        rows: entries.map((e) => [formatTime(e.eventTime ?? e.at), e.text]),
      },
    ];
  return [
    {
      kind: 'table',
      columns: ['Recorded', 'Event time', 'Actor', 'Kind', 'Entry'],
      widths: [1.3, 1.3, 1.5, 1.1, 3.6],
      rows: entries.map((e) => [formatTime(e.at), formatTime(e.eventTime), e.actor, words(e.kind), e.text]),
    },
  ];
}

const partyOf = (t: ReportTask) =>
  t.partyName ? `${words(t.partyKind)}: ${t.partyName}` : words(t.partyKind);

function actions(kind: IncidentReportKind, { tasks }: IncidentReportData): ReportBlock[] {
  if (!tasks.length) return [{ kind: 'paragraph', text: 'No actions were recorded.' }];
  const parties = new Map<string, ReportTask[]>();
  for (const t of tasks) parties.set(partyOf(t), [...(parties.get(partyOf(t)) ?? []), t]);
  if (kind === 'management')
    return [
      {
        kind: 'table',
        columns: ['Party', 'Actions', 'Completed', 'Open'],
        widths: [3, 1, 1, 1],
        rows: [...parties].map(([party, list]) => {
          const done = list.filter((t) => DONE.has(t.status)).length;
          const open = list.filter((t) => !DONE.has(t.status) && t.status !== 'cancelled').length;
          return [party, String(list.length), String(done), String(open)];
        }),
      },
    ];
  return [...parties].flatMap(([party, list]): ReportBlock[] => [
    { kind: 'subheading', text: party },
    {
      kind: 'table',
      columns: ['Action', 'Step', 'Status', 'Owner', 'Due'],
      widths: [3.5, 1.3, 1, 1.5, 1.1],
      rows: list.map((t) => [t.title, words(t.step), words(t.status), t.owner ?? '—', formatDay(t.dueAt)]),
    },
  ]);
}

function impact(kind: IncidentReportKind, { analysis }: IncidentReportData): ReportBlock[] {
  const i = analysis?.impact;
  if (!i) return [{ kind: 'paragraph', text: 'The impact has not been assessed.' }];
  const blocks: ReportBlock[] = [
    {
      kind: 'facts',
      rows: [
        ['Confidentiality', i.confidentiality ?? 'not assessed'],
        ['Integrity', i.integrity ?? 'not assessed'],
        ['Availability', i.availability ?? 'not assessed'],
        ['Affected users', i.affectedUsers === null ? 'unknown' : String(i.affectedUsers)],
        ['Affected records', i.affectedRecords === null ? 'unknown' : String(i.affectedRecords)],
      ],
    },
  ];
  if (i.business.trim()) blocks.push({ kind: 'paragraph', text: i.business });
  if (kind === 'technical' && analysis.assets.length)
    blocks.push({
      kind: 'table',
      columns: ['Asset', 'Kind', 'Owner', 'State'],
      widths: [3, 1, 2, 1],
      rows: analysis.assets.map((a) => [a.name, words(a.kind), a.owner, a.state]),
    });
  return blocks;
}

function rootCause(_: IncidentReportKind, { analysis }: IncidentReportData): ReportBlock[] {
  const text = analysis?.rootCause.trim();
  return [{ kind: 'paragraph', text: text || 'The root cause has not been recorded.' }];
}

function remediation(_: IncidentReportKind, { tasks, followUps }: IncidentReportData): ReportBlock[] {
  const rows = [
    ...tasks
      .filter((t) => REMEDIATION_STEPS.has(t.step))
      .map((t) => [t.title, partyOf(t), t.owner ?? '—', formatDay(t.dueAt), words(t.status)]),
    ...followUps
      .filter((f) => f.kind === 'remediation')
      .map((f) => [f.title, 'remediation item', f.owner ?? '—', f.dueDate ?? '—', words(f.status)]),
  ];
  if (!rows.length) return [{ kind: 'paragraph', text: 'No remediation was recorded.' }];
  return [
    {
      kind: 'table',
      columns: ['Remediation', 'By', 'Owner', 'Due', 'Status'],
      widths: [3.2, 1.6, 1.4, 1, 1],
      rows,
    },
  ];
}

function lessons(_: IncidentReportKind, { lessons: l, followUps }: IncidentReportData): ReportBlock[] {
  const blocks: ReportBlock[] = [];
  const parts: [string, string | undefined][] = [
    ['What went well', l?.wentWell],
    ['What went badly', l?.wentBadly],
    ['How detection could have been sooner', l?.detection],
    ['How the response could have been quicker', l?.response],
    ['Organisational shortcomings', l?.organisation],
  ];
  for (const [title, text] of parts)
    if (text?.trim()) blocks.push({ kind: 'subheading', text: title }, { kind: 'paragraph', text });
  const proposals = followUps.filter((f) => f.kind === 'improvement');
  if (proposals.length)
    blocks.push(
      { kind: 'subheading', text: 'Improvement proposals' },
      {
        kind: 'table',
        columns: ['Proposal', 'Owner', 'Due', 'Status'],
        widths: [4, 1.5, 1, 1],
        rows: proposals.map((f) => [f.title, f.owner ?? '—', f.dueDate ?? '—', words(f.status)]),
      },
    );
  return blocks.length ? blocks : [{ kind: 'paragraph', text: 'No lessons learned have been recorded yet.' }];
}

const SECTIONS: Record<
  IncidentSection,
  { title: string; build: (kind: IncidentReportKind, d: IncidentReportData) => ReportBlock[] }
> = {
  summary: { title: 'Summary', build: summary },
  classification: { title: 'Classification', build: classification },
  timeline: { title: 'Timeline', build: timeline },
  actions: { title: 'Actions per party', build: actions },
  impact: { title: 'Impact', build: impact },
  root_cause: { title: 'Root cause', build: rootCause },
  remediation: { title: 'Remediation', build: remediation },
  lessons: { title: 'Lessons learned', build: lessons },
};

/** The incident report of a kind, laid out by its template; text comes in raw and is escaped by the renderer. */
export function buildIncidentReport(
  kind: IncidentReportKind,
  data: IncidentReportData,
  template: ReportTemplateText,
  variables: Record<string, string>,
): ReportDocument {
  const blocks: ReportBlock[] = [];
  const intro = renderReportText(template.intro, variables).trim();
  if (intro) blocks.push({ kind: 'paragraph', text: intro });
  for (const name of template.sections) {
    const section = SECTIONS[name as IncidentSection];
    if (!section) continue;
    blocks.push({ kind: 'heading', text: section.title }, ...section.build(kind, data));
  }
  const outro = renderReportText(template.outro, variables).trim();
  if (outro) blocks.push({ kind: 'paragraph', text: outro });
  return {
    title: renderReportText(template.title, variables),
    subtitle: `${data.incident.key} – ${data.incident.title} · generated ${variables['generated.at']}`,
    marking: tlpMarking(data.incident.tlp),
    blocks,
  };
}
