import { describe, expect, it } from 'vitest';
import type { Report } from '#contracts/reports.ts';
import { openDefaults } from './report-bulk.rules.ts';

type Source = Pick<Report, 'title' | 'tlp' | 'pap' | 'severity'>;
const r = (over: Partial<Source> = {}): Source => ({
  title: 'Phishing',
  tlp: 'green',
  pap: 'green',
  severity: null,
  ...over,
});

describe('openDefaults', () => {
  it.each([
    ['AMBER floor', [r()], { tlp: 'amber', pap: 'amber', severity: undefined }],
    ['strictest TLP wins', [r(), r({ tlp: 'red' }), r({ tlp: 'amber+strict' })], { tlp: 'red' }],
    ['strictest PAP wins', [r({ pap: 'red' }), r()], { pap: 'red' }],
    [
      'highest severity',
      [r({ severity: 'medium' }), r({ severity: 'critical' }), r()],
      { severity: 'critical' },
    ],
    ['first title', [r({ title: 'First' }), r({ title: 'Second' })], { title: 'First' }],
  ])('%s', (_name, reports, expected) => {
    expect(openDefaults(reports)).toMatchObject(expected);
  });

  it('names an incident without reports', () => {
    expect(openDefaults([]).title).toBe('Incident from reports');
  });
});
