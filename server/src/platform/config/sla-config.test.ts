import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'fb-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fromFile(content: object) {
  const file = path.join(dir, `${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(content));
  return loadConfig({ FIREBREAK_CONFIG_FILE: file });
}

function problemsOf(content: object): string[] {
  try {
    fromFile(content);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('SLA configuration', () => {
  it('has documented defaults', () => {
    const { sla, priorityMatrix } = loadConfig({});
    expect(sla.targets).toEqual({
      P1: { responseMinutes: 30, resolutionMinutes: 240, businessHours: false },
      P2: { responseMinutes: 120, resolutionMinutes: 480, businessHours: true },
      P3: { responseMinutes: 480, resolutionMinutes: 2400, businessHours: true },
      P4: { responseMinutes: 960, resolutionMinutes: 9600, businessHours: true },
    });
    expect(sla.calendar).toEqual({
      timeZone: 'UTC',
      workdays: [1, 2, 3, 4, 5],
      startHour: 9,
      endHour: 17,
      holidays: [],
    });
    expect(sla.warning).toEqual({ fraction: 0.2, minimumMinutes: 15 });
    expect(priorityMatrix).toBeUndefined();
  });

  it('merges a partial SLA section from the file with the defaults', () => {
    const { sla } = fromFile({
      sla: {
        targets: { P1: { resolutionMinutes: 120 } },
        calendar: { timeZone: 'Europe/Berlin', endHour: 18 },
      },
    });
    expect(sla.targets.P1).toEqual({ responseMinutes: 30, resolutionMinutes: 120, businessHours: false });
    expect(sla.targets.P2.resolutionMinutes).toBe(480);
    expect(sla.calendar).toMatchObject({ timeZone: 'Europe/Berlin', startHour: 9, endHour: 18 });
  });

  it('reads a full priority matrix', () => {
    const row = { critical: 'P1', high: 'P2', medium: 'P3', low: 'P4' };
    const { priorityMatrix } = fromFile({
      priorityMatrix: { critical: row, high: row, medium: row, low: row },
    });
    expect(priorityMatrix?.low.critical).toBe('P1');
  });

  it('reports every problem at once, by its path in the file', () => {
    const problems = problemsOf({
      sla: {
        targets: { P1: { responseMinutes: 0 }, P3: { responseMinutes: 600, resolutionMinutes: 60 } },
        calendar: {
          timeZone: 'Mars/Olympus',
          workdays: [0],
          startHour: 18,
          endHour: 9,
          holidays: ['2026-02-30'],
        },
        warnings: {},
      },
      priorityMatrix: { critical: { critical: 'P1' } },
    }).join('\n');
    for (const path of [
      'sla.targets.P1.responseMinutes',
      'sla.calendar.timeZone',
      'sla.calendar.workdays.0',
      'sla.calendar.holidays.0',
      'sla: Unrecognized key: "warnings"',
      'priorityMatrix.critical.high',
      'priorityMatrix.low',
    ])
      expect(problems).toContain(path);
  });

  it('checks the relations between fields once the fields themselves are valid', () => {
    const problems = problemsOf({
      sla: {
        targets: { P3: { responseMinutes: 600, resolutionMinutes: 60 } },
        calendar: { startHour: 18, endHour: 9 },
      },
    });
    expect(problems).toEqual([
      'sla.targets.P3.resolutionMinutes: must not be shorter than responseMinutes',
      'sla.calendar.endHour: must be after startHour',
    ]);
  });
});
