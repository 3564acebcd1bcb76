import { describe, expect, it } from 'vitest';
import type { CorrelationRule } from '#contracts/correlation-rules.ts';
import { fromRuleDraft, toRuleDraft } from './correlation-rule-form.ts';

const rule: CorrelationRule = {
  id: 'r1',
  name: 'Same IP',
  enabled: true,
  observableTypes: ['ipv4'],
  windowHours: 48,
  sameConstituency: false,
  minShared: 1,
  source: null,
  version: 3,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  updatedBy: 'admin@example.test',
};

describe('correlation rule drafts', () => {
  it('round-trips a rule, an empty source meaning every source', () => {
    expect(fromRuleDraft(toRuleDraft(rule))).toEqual({
      name: 'Same IP',
      enabled: true,
      observableTypes: ['ipv4'],
      windowHours: 48,
      sameConstituency: false,
      minShared: 1,
      source: null,
    });
    expect(fromRuleDraft({ ...toRuleDraft(rule), source: ' suricata ' }).source).toBe('suricata');
  });

  it('starts a new rule as the issue’s example: same constituency and IP within a day', () => {
    expect(toRuleDraft(null)).toMatchObject({
      observableTypes: ['ipv4', 'ipv6'],
      windowHours: 24,
      sameConstituency: true,
    });
  });

  it('sends emptied numbers as 0, for the server to name', () => {
    expect(fromRuleDraft({ ...toRuleDraft(null), windowHours: '', minShared: '' })).toMatchObject({
      windowHours: 0,
      minShared: 0,
    });
  });
});
