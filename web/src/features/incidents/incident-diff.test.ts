import { describe, expect, it } from 'vitest';
import type { Incident } from '#contracts/incidents.ts';
import { incidentDiff } from './incident-diff.ts';

const base: Incident = {
  id: 'i1',
  key: 'FB-2026-00001',
  title: 'Phishing on hospital server',
  summary: '',
  phase: 'triage',
  severity: 'high',
  priority: 'P1',
  priorityOverride: null,
  sla: null,
  constituency: { id: 'c1', name: 'City Hospital', criticality: 'critical' },
  tlp: 'amber',
  pap: 'amber',
  reportIds: ['r1'],
  reporterTrust: 'high',
  lead: null,
  handlers: [],
  verified: null,
  mergedInto: null,
  related: [],
  classification: null,
  classifications: [],
  closure: null,
  destroyedAt: null,
  createdBy: 'ana@example.test',
  createdAt: '2026-03-01T10:00:00Z',
  updatedAt: '2026-03-01T10:00:00Z',
  version: 1,
};

describe('incidentDiff', () => {
  it('names only the fields that changed, before → after', () => {
    const after: Incident = {
      ...base,
      title: 'Credential phishing',
      phase: 'response',
      tlp: 'red',
      updatedAt: '2026-03-01T10:05:00Z',
      version: 3,
    };
    expect(incidentDiff(base, after)).toEqual([
      { label: 'Title', before: '“Phishing on hospital server”', after: '“Credential phishing”' },
      { label: 'Phase', before: 'Triage', after: 'Response' },
      { label: 'TLP', before: 'AMBER', after: 'RED' },
    ]);
  });

  it('shows a new classification and an override with its reason', () => {
    const after: Incident = {
      ...base,
      priority: 'P2',
      priorityOverride: { priority: 'P2', reason: 'test system' },
      classification: {
        stage: 'initial',
        typeId: 'fraud/phishing',
        typeLabel: 'Phishing',
        classLabel: 'Fraud',
        note: '',
        actor: 'bo@example.test',
        at: '2026-03-01T10:03:00Z',
      },
    };
    expect(incidentDiff(base, after)).toEqual([
      { label: 'Priority', before: 'P1', after: 'P2 (override: test system)' },
      { label: 'Classification', before: 'none', after: 'Phishing (Initial)' },
    ]);
  });

  it('is empty when only bookkeeping changed', () => {
    expect(incidentDiff(base, { ...base, version: 2, updatedAt: '2026-03-01T11:00:00Z' })).toEqual([]);
  });
});
