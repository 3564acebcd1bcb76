import type { ActivityReport, ActivitySection } from '#contracts/reporting.ts';
import { formatTime, type ReportBlock, type ReportDocument } from './report-document.ts';
import { renderReportText, type ReportValues } from './report-template.rules.ts';
import type { ReportTemplateText } from './incident-report.layout.ts';

const hoursText = (h: number | null) => (h === null ? '—' : `${h.toFixed(1)} h`);
const share = (n: number, total: number) => (total ? `${((n / total) * 100).toFixed(1)} %` : '—');

const SECTIONS: Record<ActivitySection, { title: string; build: (r: ActivityReport) => ReportBlock[] }> = {
  by_class: {
    title: 'Incidents by class',
    build: (r) => [
      {
        kind: 'table',
        columns: ['Class', 'Incidents', 'Share'],
        widths: [3, 1, 1],
        rows: r.byClass.map((c) => [c.label, String(c.count), share(c.count, r.total)]),
      },
    ],
  },
  by_priority: {
    title: 'Incidents by priority',
    build: (r) => [
      {
        kind: 'table',
        columns: ['Priority', 'Incidents', 'Share'],
        widths: [3, 1, 1],
        rows: r.byPriority.map((c) => [c.label, String(c.count), share(c.count, r.total)]),
      },
    ],
  },
  sla: {
    title: 'SLA compliance',
    build: ({ sla }) => [
      {
        kind: 'facts',
        rows: [
          ['Incidents with SLA targets', String(sla.withTargets)],
          ['Within every target', String(sla.compliant)],
          ['Compliance', sla.compliancePercent === null ? '—' : `${sla.compliancePercent.toFixed(1)} %`],
          ['Response target breached', String(sla.responseBreached)],
          ['Resolution target breached', String(sla.resolutionBreached)],
        ],
      },
    ],
  },
  times: {
    title: 'Time to acknowledge and resolve',
    build: ({ times }) => [
      {
        kind: 'facts',
        rows: [
          [
            'Median time to acknowledge',
            `${hoursText(times.acknowledgeMedianHours)} (${times.acknowledged} incidents)`,
          ],
          ['Median time to resolve', `${hoursText(times.resolveMedianHours)} (${times.resolved} incidents)`],
        ],
      },
    ],
  },
};

/** The activity report laid out by its template. */
export function buildActivityReport(
  report: ActivityReport,
  template: ReportTemplateText,
  variables: ReportValues,
  marking: string,
): ReportDocument {
  const blocks: ReportBlock[] = [];
  const intro = renderReportText(template.intro, variables).trim();
  if (intro) blocks.push({ kind: 'paragraph', text: intro });
  blocks.push({
    kind: 'facts',
    rows: [
      ['Incidents opened', String(report.total)],
      ['Of which closed', String(report.closed)],
    ],
  });
  for (const name of template.sections) {
    const section = SECTIONS[name as ActivitySection];
    if (section) blocks.push({ kind: 'heading', text: section.title }, ...section.build(report));
  }
  const outro = renderReportText(template.outro, variables).trim();
  if (outro) blocks.push({ kind: 'paragraph', text: outro });
  return {
    title: renderReportText(template.title, variables),
    subtitle: `${report.from} to ${report.to} · ${report.constituency?.name ?? 'all constituencies'} · generated ${formatTime(report.generatedAt)}`,
    marking,
    blocks,
  };
}
