import { describe, expect, it } from 'vitest';
import type { TemplateValues } from './message-template.rules.ts';
import { renderTemplate, unknownVariableIssues, variablesIn } from './message-template.rules.ts';

const values = {
  'incident.key': 'FB-2026-00001',
  'incident.title': 'Phishing',
  'constituency.name': 'City Hospital',
  observables: 'url: https://bad.example/',
} as TemplateValues;

describe('message template rules', () => {
  it.each([
    ['no variables', [], 'plain text'],
    ['spacing inside braces', ['incident.key'], 'About {{ incident.key }}'],
    ['each once, in order', ['tlp', 'incident.key'], '{{tlp}} {{incident.key}} {{tlp}}'],
    ['single braces are text', [], '{incident.key} and {{ }'],
  ])('finds variables: %s', (_name, expected, text) => {
    expect(variablesIn(text)).toEqual(expected);
  });

  it.each([
    ['known only', { subject: '{{incident.key}}', body: '{{observables}}' }, []],
    [
      'one unknown per field, all named',
      { subject: '{{incident.colour}}', body: '{{a}} {{b}} {{tlp}}' },
      [
        { path: 'subject', message: 'unknown variable {{incident.colour}}' },
        { path: 'body', message: 'unknown variables {{a}}, {{b}}' },
      ],
    ],
    [
      'prototype names are not variables',
      { body: '{{constructor}}' },
      [{ path: 'body', message: 'unknown variable {{constructor}}' }],
    ],
    ['empty braces are unknown', { body: '{{}}' }, [{ path: 'body', message: 'unknown variable {{}}' }]],
  ])('checks variables: %s', (_name, fields, expected) => {
    expect(unknownVariableIssues(fields)).toEqual(expected);
  });

  it('renders every known variable and leaves the rest of the text alone', () => {
    expect(
      renderTemplate(
        '[{{incident.key}}] {{ incident.title }} at {{constituency.name}}:\n{{observables}} {x}',
        values,
      ),
    ).toBe('[FB-2026-00001] Phishing at City Hospital:\nurl: https://bad.example/ {x}');
  });
});
