import {
  TASK_CHECK_EXPECTATIONS,
  type NewTaskCheck,
  type TaskCheckExpectation,
  type TaskCheckKind,
  type TaskCheckResult,
} from '#contracts/task-checks.ts';
import type { ObservableType } from '#contracts/observables.ts';
import type { TaskStatus } from '#contracts/tasks.ts';
import { normaliseObservable } from '../observables/index.ts';

export interface CheckSetup {
  kind: TaskCheckKind;
  target: string;
  observableType: ObservableType | null;
  expectation: TaskCheckExpectation;
  intervalMinutes: number;
}

export interface SetupIssue {
  path: string;
  message: string;
}

/** `host:port` or `[v6]:port`; null when it is neither. */
export function parseHostPort(target: string): { host: string; port: number } | null {
  const m = /^(?:\[([0-9a-f:.]+)\]|([^\s:/[\]]+)):(\d{1,5})$/i.exec(target.trim());
  if (!m) return null;
  const port = Number(m[3]);
  if (port < 1 || port > 65535) return null;
  return { host: (m[1] ?? m[2])!, port };
}

function httpUrl(target: string): string | null {
  try {
    const url = new URL(target);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}

/** The check as it will be stored, or every problem with the input at once. */
export function checkSetup(
  input: Omit<NewTaskCheck, 'intervalMinutes'> & { intervalMinutes: number },
): { setup: CheckSetup; issues: [] } | { setup: null; issues: SetupIssue[] } {
  const issues: SetupIssue[] = [];
  const allowed = TASK_CHECK_EXPECTATIONS[input.kind];
  const expectation = input.expectation ?? allowed[0]!;
  if (!allowed.includes(expectation))
    issues.push({
      path: 'body.expectation',
      message: `A ${input.kind} check expects ${allowed.join(' or ')}, not ${expectation}`,
    });
  let target: string | null = input.target.trim();
  let observableType: ObservableType | null = null;
  if (input.kind === 'observable_reappears') {
    if (!input.observableType) {
      issues.push({ path: 'body.observableType', message: 'Name the type of the observable to watch for' });
      target = null;
    } else {
      observableType = input.observableType;
      target = normaliseObservable(input.observableType, target);
      if (!target) issues.push({ path: 'body.target', message: `is not a valid ${input.observableType}` });
    }
  } else if (input.kind === 'tcp_port_open') {
    if (!parseHostPort(target)) {
      issues.push({
        path: 'body.target',
        message: 'must be host:port, e.g. 192.0.2.10:3389 or [2001:db8::1]:22',
      });
      target = null;
    }
  } else {
    target = httpUrl(target);
    if (!target) issues.push({ path: 'body.target', message: 'must be an http:// or https:// URL' });
  }
  if (issues.length || target === null) return { setup: null, issues };
  return {
    setup: { kind: input.kind, target, observableType, expectation, intervalMinutes: input.intervalMinutes },
    issues: [],
  };
}

/** What the remote side did, as far as a check can tell. */
export type Observation =
  | { kind: 'sightings'; count: number; latest: string | null }
  | { kind: 'http'; status: number; sha256: string | null }
  | { kind: 'unreachable'; reason: string }
  | { kind: 'port_open'; address: string }
  | { kind: 'refused'; reason: string };

export interface Judgement {
  result: TaskCheckResult;
  detail: string;
}

/**
 * Judges one observation against the expectation. A URL or port that cannot be reached counts as down
 * or closed; an address the outbound policy refuses is an `error` (the check says nothing).
 */
export function judge(
  check: { kind: string; expectation: string; baseline: string | null },
  seen: Observation,
): Judgement {
  const verdict = (ok: boolean, detail: string): Judgement => ({ result: ok ? 'pass' : 'fail', detail });
  if (seen.kind === 'refused') return { result: 'error', detail: seen.reason };
  switch (check.kind) {
    case 'observable_reappears':
      if (seen.kind !== 'sightings') break;
      return verdict(
        seen.count === 0,
        seen.count === 0
          ? 'Not seen in any report since the check was armed'
          : `Seen again in ${seen.count} report(s) since the check was armed, last at ${seen.latest}`,
      );
    case 'url_answers': {
      const answers = seen.kind === 'http' && seen.status >= 200 && seen.status < 400;
      const what = seen.kind === 'http' ? `answers HTTP ${seen.status}` : `does not answer (${reason(seen)})`;
      return verdict(answers === (check.expectation === 'up'), `The URL ${what}`);
    }
    case 'url_content_changed': {
      const now = seen.kind === 'http' ? seen.sha256 : null;
      const changed = now !== check.baseline;
      const what =
        seen.kind === 'http'
          ? `HTTP ${seen.status}, content SHA-256 ${now ?? 'none'} (baseline ${check.baseline ?? 'none'})`
          : `no content (${reason(seen)}); baseline ${check.baseline ?? 'none'}`;
      return verdict(
        changed === (check.expectation === 'changed'),
        `${changed ? 'Changed' : 'Unchanged'}: ${what}`,
      );
    }
    case 'tcp_port_open': {
      const open = seen.kind === 'port_open';
      const what = seen.kind === 'port_open' ? `is open (${seen.address})` : `is closed (${reason(seen)})`;
      return verdict(open === (check.expectation === 'open'), `The port ${what}`);
    }
  }
  return { result: 'error', detail: `Unexpected observation ${seen.kind} for a ${check.kind} check` };
}

function reason(seen: Observation): string {
  return seen.kind === 'unreachable' || seen.kind === 'refused' ? seen.reason : seen.kind;
}

/** What a result does to the task: a pass verifies a performed action, a fail reopens it. */
export function taskEffect(result: TaskCheckResult, status: TaskStatus): 'verify' | 'reopen' | null {
  if (result === 'pass' && status === 'done') return 'verify';
  if (result === 'fail' && (status === 'done' || status === 'verified')) return 'reopen';
  return null;
}

export function nextRunAt(now: Date, intervalMinutes: number): Date {
  return new Date(now.getTime() + intervalMinutes * 60_000);
}
