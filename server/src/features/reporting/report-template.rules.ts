import {
  ActivitySection,
  IncidentSection,
  REPORT_VARIABLES,
  type ReportKind,
  type ReportTemplateUpdate,
} from '#contracts/reporting.ts';
import type { FieldIssue } from '../../platform/http/domain-error.ts';
import { variablesIn } from '../communications/index.ts';

const VARIABLE = /\{\{\s*([^{}]*?)\s*\}\}/g;

export type ReportValues = Record<string, string>;

/** The variables an intro or outro of this kind may use, with what each means. */
export function variablesFor(kind: ReportKind): Record<string, string> {
  return kind === 'activity' ? REPORT_VARIABLES.activity : REPORT_VARIABLES.incident;
}

export function sectionsFor(kind: ReportKind): readonly string[] {
  return kind === 'activity' ? ActivitySection.options : IncidentSection.options;
}

/** Every problem of a template change at once: unknown or repeated sections, unknown variables. */
export function templateIssues(kind: ReportKind, input: ReportTemplateUpdate): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const allowed = sectionsFor(kind);
  input.sections.forEach((s, i) => {
    if (!allowed.includes(s))
      issues.push({ path: `sections.${i}`, message: `unknown section ${s}; one of ${allowed.join(', ')}` });
    else if (input.sections.indexOf(s) !== i)
      issues.push({ path: `sections.${i}`, message: `section ${s} is listed twice` });
  });
  const known = variablesFor(kind);
  for (const path of ['title', 'intro', 'outro'] as const) {
    const unknown = variablesIn(input[path]).filter((v) => !Object.hasOwn(known, v));
    if (unknown.length)
      issues.push({
        path,
        message: `unknown variable${unknown.length > 1 ? 's' : ''} ${unknown.map((v) => `{{${v}}}`).join(', ')}`,
      });
  }
  return issues;
}

/** Replaces the known variables; anything else stays as written (saved templates hold none). */
export function renderReportText(text: string, values: ReportValues): string {
  return text.replace(VARIABLE, (whole, name: string) =>
    Object.hasOwn(values, name) ? values[name]! : whole,
  );
}
