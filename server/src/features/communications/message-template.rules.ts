import { TEMPLATE_VARIABLES, type TemplateVariable } from '#contracts/message-templates.ts';
import type { FieldIssue } from '../../platform/http/domain-error.ts';

const VARIABLE = /\{\{\s*([^{}]*?)\s*\}\}/g;

export type TemplateValues = Record<TemplateVariable, string>;

const known = (name: string): name is TemplateVariable => Object.hasOwn(TEMPLATE_VARIABLES, name);

/** The variable names a text uses, in order of first use. */
export function variablesIn(text: string): string[] {
  return [...new Set([...text.matchAll(VARIABLE)].map((m) => m[1] ?? ''))];
}

/** One issue per field naming every variable outside the fixed list. */
export function unknownVariableIssues(fields: Record<string, string | undefined>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const [path, text] of Object.entries(fields)) {
    const unknown = variablesIn(text ?? '').filter((v) => !known(v));
    if (unknown.length)
      issues.push({
        path,
        message: `unknown variable${unknown.length > 1 ? 's' : ''} ${unknown.map((v) => `{{${v}}}`).join(', ')}`,
      });
  }
  return issues;
}

/** Replaces every known variable; call after `unknownVariableIssues` found none. */
export function renderTemplate(text: string, values: TemplateValues): string {
  return text.replace(VARIABLE, (whole, name: string) => (known(name) ? values[name] : whole));
}
