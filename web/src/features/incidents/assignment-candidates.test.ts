import { describe, expect, it } from 'vitest';
import type { AssignmentCandidate } from '#contracts/incidents.ts';
import { candidateOrder } from './assignment-candidates.ts';

const person = (
  name: string,
  available: boolean,
  specialist: boolean,
  openIncidents: number,
): AssignmentCandidate => ({
  id: name,
  name,
  email: `${name}@example.test`,
  available,
  specialist,
  openIncidents,
  specialisations: [],
});

describe('candidateOrder', () => {
  it('puts available specialists first, then specialists away, then the others; the least loaded first', () => {
    const ordered = candidateOrder([
      person('away-generalist', false, false, 0),
      person('busy-specialist', true, true, 5),
      person('generalist', true, false, 0),
      person('away-specialist', false, true, 0),
      person('idle-specialist', true, true, 1),
    ]);
    expect(ordered.map((c) => c.name)).toEqual([
      'idle-specialist',
      'busy-specialist',
      'away-specialist',
      'generalist',
      'away-generalist',
    ]);
  });

  it('breaks ties by name so the list does not jump between refreshes', () => {
    const ordered = candidateOrder([person('Bo', true, false, 2), person('Ana', true, false, 2)]);
    expect(ordered.map((c) => c.name)).toEqual(['Ana', 'Bo']);
  });
});
