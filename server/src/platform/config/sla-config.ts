import { IANAZone } from 'luxon';
import { z } from 'zod';
import { Criticality } from '#contracts/constituencies.ts';
import { Priority, Severity } from '#contracts/incidents.ts';

const minutes = z
  .number()
  .int()
  .positive()
  .max(366 * 24 * 60);

const target = (responseMinutes: number, resolutionMinutes: number, businessHours: boolean) =>
  z
    .strictObject({
      responseMinutes: minutes.default(responseMinutes),
      resolutionMinutes: minutes.default(resolutionMinutes),
      businessHours: z.boolean().default(businessHours),
    })
    .refine((t) => t.resolutionMinutes >= t.responseMinutes, {
      path: ['resolutionMinutes'],
      message: 'must not be shorter than responseMinutes',
    })
    .prefault({});

const calendar = z
  .strictObject({
    timeZone: z
      .string()
      .refine((zone) => IANAZone.isValidZone(zone), 'must be an IANA time zone such as Europe/Berlin')
      .default('UTC'),
    workdays: z
      .array(z.number().int().min(1, 'weekdays are 1 (Monday) … 7 (Sunday)').max(7, 'weekdays are 1 … 7'))
      .min(1, 'needs at least one working day')
      .default([1, 2, 3, 4, 5]),
    startHour: z.number().int().min(0).max(23).default(9),
    endHour: z.number().int().min(1).max(24).default(17),
    holidays: z.array(z.iso.date('must be a date such as 2026-12-25')).max(5000).default([]),
  })
  .refine((c) => c.startHour < c.endHour, { path: ['endHour'], message: 'must be after startHour' })
  .prefault({});

/**
 * SLA targets per priority, the business calendar and the warning lead; every key is optional in the
 * configuration file (`"sla": { … }`), missing ones take these defaults:
 *
 * | priority | first response     | resolution                 | counted in        |
 * |----------|--------------------|----------------------------|-------------------|
 * | P1       | 30 min             | 4 h                        | wall-clock (24×7) |
 * | P2       | 2 business hours   | 1 business day (8 h)       | business hours    |
 * | P3       | 8 business hours   | 5 business days (40 h)     | business hours    |
 * | P4       | 2 business days    | 20 business days (160 h)   | business hours    |
 *
 * Targets are minutes (`responseMinutes`, `resolutionMinutes`); a business day is one working day of
 * the calendar, 8 hours by default: UTC, Monday–Friday, 09:00–17:00, no holidays. A warning comes
 * `max(fraction × target, minimumMinutes)` before the due time (20 % or 15 min), at most the target.
 */
export const slaConfigSchema = z
  .strictObject({
    targets: z
      .strictObject({
        P1: target(30, 4 * 60, false),
        P2: target(2 * 60, 8 * 60, true),
        P3: target(8 * 60, 5 * 8 * 60, true),
        P4: target(2 * 8 * 60, 20 * 8 * 60, true),
      })
      .prefault({}),
    calendar,
    warning: z
      .strictObject({
        fraction: z.number().min(0).max(1).default(0.2),
        minimumMinutes: z.number().int().min(0).default(15),
      })
      .prefault({}),
  })
  .prefault({});

export type SlaConfig = z.infer<typeof slaConfigSchema>;

/**
 * A replacement for the default priority matrix (severity × constituency criticality → P1…P4), e.g.
 * `"priorityMatrix": { "critical": { "critical": "P1", "high": "P1", "medium": "P1", "low": "P2" }, … }`;
 * every cell is required so that no combination is left without a priority.
 */
export const priorityMatrixSchema = z.record(Severity, z.record(Criticality, Priority));

export type PriorityMatrix = z.infer<typeof priorityMatrixSchema>;
