import { Tlp } from '#contracts/identity.ts';
import type {
  ActivityQuery,
  ActivityReport,
  IncidentReportKind,
  ReportKind,
  ReportTemplate,
  ReportTemplateUpdate,
} from '#contracts/reporting.ts';
import type { AuditLog } from '../../platform/audit/audit-log.ts';
import { constituencyAllowed, requireRole, type Actor } from '../../platform/auth/actor.ts';
import type { DatabaseHandle, Queryable } from '../../platform/db/database.ts';
import type { ReportTemplatesTable } from '../../platform/db/schema.ts';
import { transaction } from '../../platform/db/transaction.ts';
import { conflict, invalid, notFound } from '../../platform/http/domain-error.ts';
import type { IncidentStore } from '../incidents/index.ts';
import { activityFigures, periodBounds } from './activity.rules.ts';
import { buildActivityReport } from './activity-report.layout.ts';
import { buildIncidentReport, incidentVariables } from './incident-report.layout.ts';
import { formatTime, tlpMarking, type ReportDocument } from './report-document.ts';
import { sectionsFor, templateIssues, variablesFor } from './report-template.rules.ts';
import type { ReportingStore } from './reporting.store.ts';

export interface ReportingServiceDeps {
  handle: DatabaseHandle;
  audit: AuditLog;
  incidents: Pick<IncidentStore, 'get' | 'timeline'>;
  store: ReportingStore;
  team: string;
  now: () => Date;
}

export type ReportFormat = 'html' | 'pdf' | 'json';

const toTemplate = (row: ReportTemplatesTable): ReportTemplate => {
  const kind = row.kind as ReportKind;
  return {
    kind,
    title: row.title,
    sections: JSON.parse(row.sections) as string[],
    intro: row.intro,
    outro: row.outro,
    version: row.version,
    availableSections: [...sectionsFor(kind)],
    variables: variablesFor(kind),
    updatedAt: new Date(row.updated_at).toISOString(),
    updatedBy: row.updated_by,
  };
};

/**
 * Generated reports: the technical and management report of an incident and the periodic activity
 * report. Generating one is reading the incident, so it is scoped like any read and audited as an access.
 */
export function createReportingService({ handle, audit, incidents, store, team, now }: ReportingServiceDeps) {
  async function loadTemplate(q: Queryable, kind: ReportKind): Promise<ReportTemplate> {
    const row = await store.template(q, kind);
    if (!row) throw notFound(`Report template ${kind}`);
    return toTemplate(row);
  }

  async function listTemplates(actor: Actor): Promise<ReportTemplate[]> {
    requireRole(actor, 'admin');
    return (await store.templates(handle.db)).map(toTemplate);
  }

  async function updateTemplate(
    actor: Actor,
    kind: ReportKind,
    input: ReportTemplateUpdate,
  ): Promise<ReportTemplate> {
    return transaction(handle.db, async (tx) => {
      requireRole(actor, 'admin');
      const current = await loadTemplate(tx, kind);
      const issues = templateIssues(kind, input);
      if (issues.length) throw invalid('report_template_invalid', 'The template cannot be saved', issues);
      if (current.version !== input.version)
        throw conflict('stale_version', `The ${kind} template was changed since you loaded it`, { current });
      const saved = await store.updateTemplate(tx, kind, input.version, {
        title: input.title,
        sections: JSON.stringify(input.sections),
        intro: input.intro,
        outro: input.outro,
        updated_at: now().toISOString(),
        updated_by: actor.label,
      });
      if (!saved) throw conflict('stale_version', `The ${kind} template was changed since you loaded it`);
      await audit.record(tx, actor, {
        action: 'report_template.updated',
        targetType: 'report_template',
        targetId: kind,
        data: {
          before: {
            title: current.title,
            sections: current.sections,
            intro: current.intro,
            outro: current.outro,
          },
          after: { title: input.title, sections: input.sections, intro: input.intro, outro: input.outro },
        },
      });
      return loadTemplate(tx, kind);
    });
  }

  /** The incident's report of a kind; 404 when the incident is outside the actor's scope. */
  async function incidentReport(
    actor: Actor,
    key: string,
    kind: IncidentReportKind,
    format: 'html' | 'pdf',
  ): Promise<ReportDocument> {
    return transaction(handle.db, async (tx) => {
      const incident = await incidents.get(tx, actor.scope, key);
      if (!incident) throw notFound(`Incident ${key}`);
      const [timeline, tasks, analysis, lessons, template] = await Promise.all([
        incidents.timeline(tx, incident.id),
        store.tasks(tx, incident.id),
        store.analysis(tx, incident.id),
        store.lessons(tx, incident.id),
        loadTemplate(tx, kind),
      ]);
      const at = now();
      await audit.record(tx, actor, {
        action: 'incident.report_exported',
        targetType: 'incident',
        targetId: incident.key,
        data: { kind, format },
      });
      return buildIncidentReport(
        kind,
        { incident, timeline, tasks, analysis, lessons: lessons.lessons, followUps: lessons.followUps },
        template,
        incidentVariables(incident, team, at),
      );
    });
  }

  async function activityOf(actor: Actor, q: Queryable, query: ActivityQuery) {
    const bounds = periodBounds(query.from, query.to);
    if (!bounds)
      throw invalid('period_invalid', 'The period is not valid', [
        { path: 'to', message: 'must be on or after from' },
      ]);
    let constituency: { id: string; name: string } | null = null;
    if (query.constituency) {
      const row = await q
        .selectFrom('constituencies')
        .select(['id', 'name'])
        .where('id', '=', query.constituency)
        .executeTakeFirst();
      // Outside the scope looks the same as unknown: the report must not confirm it exists.
      if (!row || !constituencyAllowed(actor.scope, row.id))
        throw notFound(`Constituency ${query.constituency}`);
      constituency = row;
    }
    const items = await store.activity(q, actor.scope, {
      ...bounds,
      constituencyId: constituency?.id ?? null,
    });
    const report: ActivityReport = {
      from: query.from,
      to: query.to,
      constituency,
      ...activityFigures(items),
      generatedAt: now().toISOString(),
    };
    // The figures are marked like the most restricted incident they count.
    const highest = Tlp.options.filter((t) => items.some((i) => i.tlp === t)).at(-1) ?? 'clear';
    return { report, marking: tlpMarking(highest) };
  }

  /** The activity report as data (json) or laid out for html/pdf; audited as an access. */
  async function activity(
    actor: Actor,
    query: ActivityQuery,
    format: ReportFormat,
  ): Promise<{ report: ActivityReport; document: ReportDocument }> {
    return transaction(handle.db, async (tx) => {
      const { report, marking } = await activityOf(actor, tx, query);
      const template = await loadTemplate(tx, 'activity');
      await audit.record(tx, actor, {
        action: 'reporting.activity_exported',
        targetType: 'activity_report',
        targetId: null,
        data: { from: query.from, to: query.to, constituency: report.constituency?.id ?? null, format },
      });
      const variables = {
        'period.from': report.from,
        'period.to': report.to,
        'constituency.name': report.constituency?.name ?? 'all constituencies',
        'incident.count': String(report.total),
        'generated.at': formatTime(report.generatedAt),
        team,
      };
      return { report, document: buildActivityReport(report, template, variables, marking) };
    });
  }

  return { listTemplates, updateTemplate, incidentReport, activity };
}

export type ReportingService = ReturnType<typeof createReportingService>;
