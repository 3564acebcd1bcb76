import { z } from 'zod';
import { Timestamp } from './common.ts';
import { ObservableType } from './observables.ts';

/**
 * What an automatic check on a task watches (ENISA guide 4.4, "monitor whether the action worked"):
 * an observable showing up again in new reports, a URL answering, a page's content, a TCP port.
 */
export const TaskCheckKind = z.enum([
  'observable_reappears',
  'url_answers',
  'url_content_changed',
  'tcp_port_open',
]);
export type TaskCheckKind = z.infer<typeof TaskCheckKind>;

/**
 * The outcome that counts as the action having worked. Per kind: observable_reappears `absent`;
 * url_answers `down` or `up`; url_content_changed `changed` or `unchanged`; tcp_port_open `closed` or
 * `open`. The first of each is the default.
 */
export const TaskCheckExpectation = z.enum([
  'absent',
  'down',
  'up',
  'changed',
  'unchanged',
  'closed',
  'open',
]);
export type TaskCheckExpectation = z.infer<typeof TaskCheckExpectation>;

/** The expectations each kind accepts; the first is the default. */
export const TASK_CHECK_EXPECTATIONS: Record<TaskCheckKind, readonly TaskCheckExpectation[]> = {
  observable_reappears: ['absent'],
  url_answers: ['down', 'up'],
  url_content_changed: ['changed', 'unchanged'],
  tcp_port_open: ['closed', 'open'],
};

/** `pass` verifies the task, `fail` reopens it, `error` (e.g. a refused address) changes nothing. */
export const TaskCheckResult = z.enum(['pass', 'fail', 'error']);
export type TaskCheckResult = z.infer<typeof TaskCheckResult>;

export const TaskCheck = z.object({
  id: z.string(),
  taskId: z.string(),
  kind: TaskCheckKind,
  /** A URL, `host:port`, or the observable's value. */
  target: z.string(),
  observableType: ObservableType.nullable(),
  expectation: TaskCheckExpectation,
  intervalMinutes: z.number().int(),
  /** SHA-256 of the content when armed (url_content_changed). */
  baseline: z.string().nullable(),
  armedAt: Timestamp,
  armedBy: z.string(),
  nextRunAt: Timestamp,
  lastRunAt: Timestamp.nullable(),
  lastResult: TaskCheckResult.nullable(),
  lastDetail: z.string().nullable(),
});
export type TaskCheck = z.infer<typeof TaskCheck>;

export const TaskCheckList = z.object({ items: z.array(TaskCheck) });

export const NewTaskCheck = z.object({
  kind: TaskCheckKind,
  target: z.string().trim().min(1).max(2000),
  /** Required for observable_reappears. */
  observableType: ObservableType.optional(),
  expectation: TaskCheckExpectation.optional(),
  /** Between runs of the scheduled job; a minute to a week. */
  intervalMinutes: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(60),
});
export type NewTaskCheck = z.input<typeof NewTaskCheck>;

export const TaskCheckParams = z.object({
  key: z.string().min(1).max(40),
  id: z.string().min(1).max(100),
  checkId: z.string().min(1).max(100),
});
