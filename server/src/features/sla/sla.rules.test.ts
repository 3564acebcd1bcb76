import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../platform/config/config.ts';
import { dueAt, slaDeadlines, warningLeadMinutes, type BusinessCalendar } from './sla.rules.ts';

const berlin: BusinessCalendar = {
  timeZone: 'Europe/Berlin',
  workdays: [1, 2, 3, 4, 5],
  startHour: 9,
  endHour: 17,
  holidays: ['2026-12-24', '2026-12-25'],
};
const newYork: BusinessCalendar = { ...berlin, timeZone: 'America/New_York', holidays: [] };
const allDay: BusinessCalendar = { ...berlin, workdays: [1, 2, 3, 4, 5, 6, 7], startHour: 0, endHour: 24 };

describe('dueAt', () => {
  // 2026-03-02 is a Monday; Berlin is UTC+1 until 2026-03-29, New York goes back to UTC−5 on 2026-11-01.
  const cases: [string, string, number, BusinessCalendar | null, string][] = [
    ['wall-clock', '2026-03-07T23:50:00Z', 30, null, '2026-03-08T00:20:00Z'],
    [
      'wall-clock ignores the calendar days',
      '2026-03-06T16:00:00+01:00',
      240,
      null,
      '2026-03-06T20:00:00+01:00',
    ],
    ['zero minutes is the start', '2026-03-07T12:00:00+01:00', 0, berlin, '2026-03-07T12:00:00+01:00'],
    ['within working hours', '2026-03-02T10:00:00+01:00', 60, berlin, '2026-03-02T11:00:00+01:00'],
    ['starts before hours', '2026-03-02T07:00:00+01:00', 60, berlin, '2026-03-02T10:00:00+01:00'],
    ['starts after hours', '2026-03-02T18:00:00+01:00', 60, berlin, '2026-03-03T10:00:00+01:00'],
    ['starts exactly at closing', '2026-03-02T17:00:00+01:00', 30, berlin, '2026-03-03T09:30:00+01:00'],
    ['ends exactly at closing', '2026-03-02T16:00:00+01:00', 60, berlin, '2026-03-02T17:00:00+01:00'],
    ['spills into the next day', '2026-03-02T16:30:00+01:00', 60, berlin, '2026-03-03T09:30:00+01:00'],
    ['skips the weekend', '2026-03-06T16:00:00+01:00', 120, berlin, '2026-03-09T10:00:00+01:00'],
    ['starts on a Saturday', '2026-03-07T11:00:00+01:00', 30, berlin, '2026-03-09T09:30:00+01:00'],
    ['one business day', '2026-03-02T13:00:00+01:00', 480, berlin, '2026-03-03T13:00:00+01:00'],
    ['five business days', '2026-03-02T09:00:00+01:00', 2400, berlin, '2026-03-06T17:00:00+01:00'],
    ['skips holidays', '2026-12-23T16:00:00+01:00', 120, berlin, '2026-12-28T10:00:00+01:00'],
    ['starts on a holiday', '2026-12-24T10:00:00+01:00', 60, berlin, '2026-12-28T10:00:00+01:00'],
    [
      'keeps local hours across spring DST',
      '2026-03-27T16:00:00+01:00',
      120,
      berlin,
      '2026-03-30T10:00:00+02:00',
    ],
    [
      'keeps local hours across autumn DST',
      '2026-10-30T16:00:00-04:00',
      120,
      newYork,
      '2026-11-02T10:00:00-05:00',
    ],
    [
      'counts real elapsed time on a DST day',
      '2026-03-29T00:00:00+01:00',
      24 * 60,
      allDay,
      '2026-03-30T01:00:00+02:00',
    ],
    ['reads a UTC start in the zone', '2026-03-02T15:30:00Z', 60, berlin, '2026-03-03T09:30:00+01:00'],
  ];
  it.each(cases)('%s', (_name, start, minutes, calendar, expected) => {
    expect(dueAt(new Date(start), minutes, calendar).toISOString()).toBe(new Date(expected).toISOString());
  });

  it('refuses a calendar without working time instead of looping forever', () => {
    expect(() => dueAt(new Date('2026-03-02T10:00:00Z'), 60, { ...berlin, workdays: [] })).toThrow(
      'no working time',
    );
  });
});

describe('warningLeadMinutes', () => {
  const warning = { fraction: 0.2, minimumMinutes: 15 };
  it.each([
    [30, 15], // the minimum wins over 6 minutes
    [240, 48],
    [9600, 1920],
    [10, 10], // never before the clock starts
  ])('warns %i minutes of target %i minutes ahead', (target, lead) => {
    expect(warningLeadMinutes(target, warning)).toBe(lead);
  });
});

describe('slaDeadlines with the default policy', () => {
  const { sla } = loadConfig({});
  it('counts P1 in wall-clock time', () => {
    expect(slaDeadlines('P1', new Date('2026-03-07T23:00:00Z'), sla)).toEqual({
      responseWarnAt: new Date('2026-03-07T23:15:00Z'),
      responseDueAt: new Date('2026-03-07T23:30:00Z'),
      resolutionWarnAt: new Date('2026-03-08T02:12:00Z'),
      resolutionDueAt: new Date('2026-03-08T03:00:00Z'),
    });
  });
  it('counts P3 in business hours (UTC, Monday to Friday, 09:00–17:00)', () => {
    expect(slaDeadlines('P3', new Date('2026-03-06T15:00:00Z'), sla)).toEqual({
      responseWarnAt: new Date('2026-03-09T13:24:00Z'), // 8 h − 96 min
      responseDueAt: new Date('2026-03-09T15:00:00Z'),
      resolutionWarnAt: new Date('2026-03-12T15:00:00Z'), // 40 h − 8 h
      resolutionDueAt: new Date('2026-03-13T15:00:00Z'),
    });
  });
});
