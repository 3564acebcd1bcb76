import { describe, expect, it } from 'vitest';
import type { TaxonomyType } from '#contracts/taxonomy.ts';
import { specialisationLabel, specialisationOptions, typeOptions } from './taxonomy-options.ts';

const type = (cls: string, classLabel: string, t: string, typeLabel: string): TaxonomyType => ({
  id: `${cls}/${t}`,
  class: cls,
  classLabel,
  type: t,
  typeLabel,
  description: '',
  source: 'rsit',
});

const taxonomy = [
  type('fraud', 'Fraud', 'phishing', 'Phishing'),
  type('fraud', 'Fraud', 'masquerade', 'Masquerade'),
  type('malicious-code', 'Malicious Code', 'infected-system', 'Infected System'),
];

describe('taxonomy options', () => {
  it('groups the types by class for classifying', () => {
    expect(typeOptions(taxonomy)).toEqual([
      {
        group: 'Fraud',
        items: [
          { value: 'fraud/phishing', label: 'Phishing' },
          { value: 'fraud/masquerade', label: 'Masquerade' },
        ],
      },
      {
        group: 'Malicious Code',
        items: [{ value: 'malicious-code/infected-system', label: 'Infected System' }],
      },
    ]);
  });

  it('offers the whole class first in each group for specialisations', () => {
    const [fraud] = specialisationOptions(taxonomy);
    expect(fraud?.items.map((i) => i.value)).toEqual(['fraud', 'fraud/phishing', 'fraud/masquerade']);
    expect(fraud?.items[0]?.label).toBe('Fraud (every type)');
  });

  it.each([
    ['fraud/phishing', 'Phishing'],
    ['fraud', 'Fraud (every type)'],
    ['gone/type', 'gone/type'],
  ])('labels %s as %s', (id, label) => {
    expect(specialisationLabel(id, taxonomy)).toBe(label);
  });
});
