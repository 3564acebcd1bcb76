import { describe, expect, it } from 'vitest';
import { incidentKey, matrixPriority, REOPEN_CHANGES, transitionProblem } from './incident.rules.ts';

describe('incident rules', () => {
  it.each([
    ['critical', 'critical', 'P1'],
    ['high', 'critical', 'P1'],
    ['high', 'low', 'P3'],
    ['medium', 'high', 'P3'],
    ['low', 'critical', 'P3'],
    ['low', 'low', 'P4'],
    ['high', null, 'P2'],
  ] as const)('severity %s × criticality %s → %s', (severity, criticality, priority) => {
    expect(matrixPriority(severity, criticality)).toBe(priority);
  });

  it('has no priority without a severity', () => {
    expect(matrixPriority(null, 'critical')).toBeNull();
  });

  it.each([
    ['triage', { to: 'response' }, null],
    ['triage', { to: 'recovery' }, 'An incident cannot go from triage to recovery'],
    ['response', { to: 'closed' }, 'Closing needs an outcome and a closing summary'],
    ['recovery', { to: 'closed', closure: { outcome: 'resolved', summary: 'done' } }, null],
    [
      'closed',
      { to: 'post_analysis_done' },
      'The post-analysis is done by marking the lessons review done (POST …/lessons/done)',
    ],
    ['closed', { to: 'response' }, 'Reopening an incident needs a reason'],
    ['closed', { to: 'response', reason: 'Attacker came back' }, null],
    ['post_analysis_done', { to: 'closed' }, 'An incident cannot go from post_analysis_done to closed'],
    ['response', { to: 'response' }, 'The incident is in response already'],
  ] as const)('from %s with %j: %s', (from, t, problem) => {
    expect(transitionProblem(from, t)).toBe(problem);
  });

  it('formats keys with the year and a padded number', () => {
    expect(incidentKey(2026, 42)).toBe('FB-2026-00042');
    expect(incidentKey(2026, 123456)).toBe('FB-2026-123456');
  });

  it('counts only closed → open phase changes as reopenings', () => {
    expect(REOPEN_CHANGES).toContain('{"before":"closed","after":"response"}');
    expect(REOPEN_CHANGES).toContain('{"before":"post_analysis_done","after":"triage"}');
    expect(REOPEN_CHANGES).not.toContain('{"before":"closed","after":"post_analysis_done"}');
    expect(REOPEN_CHANGES).toHaveLength(8);
  });
});
