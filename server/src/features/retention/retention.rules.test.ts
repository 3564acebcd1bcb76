import { describe, expect, it } from 'vitest';
import { addMonths, policyFor, retentionDecision, type PolicyCriteria } from './retention.rules.ts';

const policy = (id: string, p: Partial<PolicyCriteria>): PolicyCriteria => ({
  id,
  name: id,
  taxonomyClass: null,
  typeId: null,
  constituencyId: null,
  archiveAfterDays: null,
  destroyAfterMonths: 12,
  ...p,
});

const all = [
  policy('1-any', {}),
  policy('2-class', { taxonomyClass: 'fraud' }),
  policy('3-type', { typeId: 'fraud/phishing' }),
  policy('4-any-hospital', { constituencyId: 'hospital' }),
  policy('5-class-hospital', { taxonomyClass: 'fraud', constituencyId: 'hospital' }),
];

describe('policyFor', () => {
  it.each([
    ['fraud/phishing', null, '3-type'],
    ['fraud/phishing', 'hospital', '3-type'],
    ['fraud/masquerade', null, '2-class'],
    ['fraud/masquerade', 'hospital', '5-class-hospital'],
    ['intrusions/burglary', 'hospital', '4-any-hospital'],
    ['intrusions/burglary', 'school', '1-any'],
    [null, null, '1-any'],
  ])('%s in %s → %s', (typeId, constituencyId, expected) => {
    expect(policyFor(all, { typeId, constituencyId })?.id).toBe(expected);
  });

  it('matches nothing when no policy applies', () => {
    expect(policyFor([all[2]!], { typeId: 'fraud/masquerade', constituencyId: null })).toBeUndefined();
  });
});

describe('addMonths', () => {
  it.each([
    ['2026-01-31T10:00:00.000Z', 1, '2026-02-28T10:00:00.000Z'],
    ['2028-01-31T10:00:00.000Z', 1, '2028-02-29T10:00:00.000Z'],
    ['2026-03-15T00:00:00.000Z', 12, '2027-03-15T00:00:00.000Z'],
    ['2026-11-30T00:00:00.000Z', 3, '2027-02-28T00:00:00.000Z'],
  ])('%s + %i months = %s', (from, months, expected) => {
    expect(addMonths(from, months).toISOString()).toBe(expected);
  });
});

describe('retentionDecision', () => {
  const p = [policy('p', { archiveAfterDays: 30, destroyAfterMonths: 6 })];
  const c = {
    key: 'FB-2026-00001',
    title: 't',
    typeId: 'fraud/phishing',
    constituencyId: null,
    closedAt: '2026-01-01T00:00:00.000Z',
    archivedAt: null,
    held: false,
  };
  it.each([
    ['2026-01-30T00:00:00.000Z', c, null],
    ['2026-01-31T00:00:00.000Z', c, 'archive'],
    ['2026-02-15T00:00:00.000Z', { ...c, archivedAt: '2026-01-31T00:00:00.000Z' }, null],
    ['2026-07-01T00:00:00.000Z', c, 'destroy'],
    ['2026-07-01T00:00:00.000Z', { ...c, held: true }, 'skip_hold'],
  ])('at %s → %s', (now, candidate, action) => {
    expect(retentionDecision(p, candidate, new Date(now))?.action ?? null).toBe(action);
  });
});
