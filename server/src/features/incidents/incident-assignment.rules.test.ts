import { describe, expect, it } from 'vitest';
import { covers, mayHandle, pickAssignee, type AssignmentCandidate } from './incident-assignment.rules.ts';

const person = (name: string, over: Partial<AssignmentCandidate> = {}): AssignmentCandidate => ({
  id: name,
  name,
  email: `${name}@example.test`,
  role: 'handler',
  scope: { constituencies: null, tlpCeiling: 'red' },
  available: true,
  specialisations: ['fraud'],
  openIncidents: 0,
  ...over,
});
const incident = { constituencyId: 'hospital', tlp: 'amber' as const, typeId: 'fraud/phishing' };

describe('assignment rules', () => {
  it.each([
    [['fraud'], 'fraud/phishing', true],
    [['fraud/phishing'], 'fraud/phishing', true],
    [['fraud/phishing'], 'fraud/masquerade', false],
    [['malicious-code'], 'fraud/phishing', false],
    [[], 'fraud/phishing', false],
    [['fraud-ish'], 'fraud/phishing', false],
  ])('specialisations %j cover %s: %s', (specs, type, expected) => {
    expect(covers(specs, type)).toBe(expected);
  });

  it.each([
    ['viewer role', { role: 'viewer' as const }, false],
    [
      'TLP ceiling below the incident',
      { scope: { constituencies: null, tlpCeiling: 'green' as const } },
      false,
    ],
    ['other constituency', { scope: { constituencies: ['school'], tlpCeiling: 'red' as const } }, false],
    ['its constituency', { scope: { constituencies: ['hospital'], tlpCeiling: 'amber' as const } }, true],
    ['unrestricted lead', { role: 'lead' as const }, true],
  ])('may handle: %s', (_what, over, expected) => {
    expect(mayHandle(person('x', over), incident)).toBe(expected);
  });

  it('picks the available specialist with the fewest open incidents', () => {
    const picked = pickAssignee(
      [
        person('busy', { openIncidents: 5 }),
        person('away', { available: false, openIncidents: 0 }),
        person('generalist', { specialisations: ['malicious-code'], openIncidents: 0 }),
        person('outsider', { scope: { constituencies: ['school'], tlpCeiling: 'red' }, openIncidents: 0 }),
        person('bea', { openIncidents: 1 }),
        person('ana', { openIncidents: 1 }),
      ],
      incident,
    );
    expect(picked?.name).toBe('ana');
  });

  it('picks no one when nobody fits', () => {
    expect(pickAssignee([person('away', { available: false })], incident)).toBeNull();
  });
});
