import type { MessageTemplate, TemplateAudience } from '#contracts/message-templates.ts';

export const messageTemplatesKey = ['message-templates'] as const;

/**
 * Templates that fit the incident's type (or any type), audience and language: the type's own
 * first, so that "takedown request for phishing" comes before the generic notification.
 */
export function matchingTemplates(
  templates: MessageTemplate[],
  want: { typeId: string | null; audience: TemplateAudience; language: string },
): MessageTemplate[] {
  const language = want.language.toLowerCase();
  return templates
    .filter(
      (t) =>
        t.audience === want.audience &&
        (t.typeId === null || t.typeId === want.typeId) &&
        (t.language.toLowerCase() === language || t.language.toLowerCase().split('-')[0] === language),
    )
    .sort((a, b) => Number(b.typeId !== null) - Number(a.typeId !== null) || a.name.localeCompare(b.name));
}

/** Languages the templates are written in, for the language picker. */
export function templateLanguages(templates: MessageTemplate[]): string[] {
  return [...new Set(templates.map((t) => t.language))].sort();
}
