import { describe, expect, it } from 'vitest';
import type { Lessons } from '#contracts/lessons.ts';
import { lessonChanges, reviewPeriod } from './lesson.rules.ts';

const empty: Lessons = {
  incidentKey: 'FB-2026-00001',
  wentWell: '',
  wentBadly: '',
  detection: '',
  response: '',
  organisation: '',
  updatedBy: null,
  updatedAt: null,
  reviewedAt: null,
  reviewedBy: null,
  version: 0,
};
const put = { version: 0, wentWell: '', wentBadly: '', detection: '', response: '', organisation: '' };

describe('lessonChanges', () => {
  it.each([
    [{}, []],
    [{ wentWell: 'Fast triage' }, ['what went well']],
    [{ detection: 'EDR alert ignored', organisation: 'No on-call' }, ['detection', 'organisation']],
  ])('%j → %j', (patch, expected) => {
    expect(lessonChanges(empty, { ...put, ...patch })).toEqual(expected);
  });
});

describe('reviewPeriod', () => {
  const now = new Date('2026-11-23T12:00:00Z');
  it('defaults to the 90 days up to now', () => {
    expect(reviewPeriod({}, now)).toEqual({
      from: '2026-08-25T12:00:00.000Z',
      to: '2026-11-23T12:00:00.000Z',
    });
  });
  it('normalises offsets to UTC', () => {
    expect(reviewPeriod({ from: '2026-11-01T00:00:00+01:00', to: '2026-11-02T00:00:00Z' }, now)).toEqual({
      from: '2026-10-31T23:00:00.000Z',
      to: '2026-11-02T00:00:00.000Z',
    });
  });
  it('refuses an empty or reversed period', () => {
    expect(reviewPeriod({ from: '2026-11-02T00:00:00Z', to: '2026-11-01T00:00:00Z' }, now)).toHaveProperty(
      'problem',
    );
  });
});
