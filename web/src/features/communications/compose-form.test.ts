import { describe, expect, it } from 'vitest';
import type { MessageTemplate } from '#contracts/message-templates.ts';
import { matchingTemplates, templateLanguages } from './compose-form.ts';

const t = (name: string, typeId: string | null, audience: 'technical' | 'descriptive', language: string) =>
  ({ id: name, name, typeId, audience, language, subject: 's', body: 'b' }) as MessageTemplate;

const all = [
  t('Generic', null, 'technical', 'en'),
  t('Takedown', 'fraud/phishing', 'technical', 'en'),
  t('Malware', 'malicious-code/infected-system', 'technical', 'en'),
  t('Summary', null, 'descriptive', 'en'),
  t('Allgemein', null, 'technical', 'de-AT'),
];

describe('template choice', () => {
  it.each([
    [{ typeId: 'fraud/phishing', audience: 'technical', language: 'en' }, ['Takedown', 'Generic']],
    [{ typeId: null, audience: 'technical', language: 'en' }, ['Generic']],
    [{ typeId: 'fraud/phishing', audience: 'descriptive', language: 'EN' }, ['Summary']],
    [{ typeId: null, audience: 'technical', language: 'de' }, ['Allgemein']],
    [{ typeId: null, audience: 'technical', language: 'fr' }, []],
  ] as const)('%o → %o', (want, names) => {
    expect(matchingTemplates(all, want).map((x) => x.name)).toEqual(names);
  });

  it('lists each language once', () => {
    expect(templateLanguages(all)).toEqual(['de-AT', 'en']);
  });
});
