import { describe, expect, it } from 'vitest';
import { checkSetup, judge, parseHostPort, taskEffect, type Observation } from './task-checks.rules.ts';

describe('parseHostPort', () => {
  it.each([
    ['192.0.2.10:3389', { host: '192.0.2.10', port: 3389 }],
    ['mail.example.org:25', { host: 'mail.example.org', port: 25 }],
    ['[2001:db8::1]:22', { host: '2001:db8::1', port: 22 }],
    ['2001:db8::1:22', null], // ambiguous without brackets
    ['example.org', null],
    ['example.org:0', null],
    ['example.org:70000', null],
    ['http://example.org:80', null],
  ])('%s', (target, expected) => expect(parseHostPort(target)).toEqual(expected));
});

describe('checkSetup', () => {
  it('defaults the expectation per kind and normalises observables', () => {
    expect(
      checkSetup({ kind: 'url_answers', target: 'https://x.example/a', intervalMinutes: 5 }).setup,
    ).toMatchObject({
      expectation: 'down',
    });
    expect(
      checkSetup({
        kind: 'observable_reappears',
        observableType: 'domain',
        target: 'EVIL[.]Example',
        intervalMinutes: 5,
      }).setup,
    ).toMatchObject({ target: 'evil.example', observableType: 'domain', expectation: 'absent' });
  });

  it('lists every problem at once', () => {
    const { issues } = checkSetup({
      kind: 'url_answers',
      target: 'javascript:alert(1)',
      expectation: 'open',
      intervalMinutes: 5,
    });
    expect(issues.map((i) => i.path)).toEqual(['body.expectation', 'body.target']);
  });
});

describe('judge', () => {
  const http = (status: number, sha256: string | null = 'h1'): Observation => ({
    kind: 'http',
    status,
    sha256,
  });
  const down: Observation = { kind: 'unreachable', reason: 'ECONNREFUSED' };
  const refused: Observation = { kind: 'refused', reason: '127.0.0.1 is a loopback address' };
  it.each([
    ['url_answers', 'down', null, http(200), 'fail'],
    ['url_answers', 'down', null, http(302), 'fail'],
    ['url_answers', 'down', null, http(404), 'pass'],
    ['url_answers', 'down', null, http(503), 'pass'],
    ['url_answers', 'down', null, down, 'pass'],
    ['url_answers', 'up', null, http(200), 'pass'],
    ['url_answers', 'up', null, down, 'fail'],
    ['url_answers', 'down', null, refused, 'error'],
    ['url_content_changed', 'changed', 'h1', http(200, 'h1'), 'fail'],
    ['url_content_changed', 'changed', 'h1', http(200, 'h2'), 'pass'],
    ['url_content_changed', 'changed', 'h1', down, 'pass'],
    ['url_content_changed', 'unchanged', 'h1', http(200, 'h1'), 'pass'],
    ['tcp_port_open', 'closed', null, { kind: 'port_open', address: '192.0.2.1' }, 'fail'],
    ['tcp_port_open', 'closed', null, down, 'pass'],
    ['tcp_port_open', 'open', null, down, 'fail'],
    ['observable_reappears', 'absent', null, { kind: 'sightings', count: 0, latest: null }, 'pass'],
    [
      'observable_reappears',
      'absent',
      null,
      { kind: 'sightings', count: 2, latest: '2026-01-01T00:00:00Z' },
      'fail',
    ],
  ] as const)('%s expecting %s (baseline %s) on %j → %s', (kind, expectation, baseline, seen, result) => {
    expect(judge({ kind, expectation, baseline }, seen).result).toBe(result);
  });
});

describe('taskEffect', () => {
  it.each([
    ['pass', 'done', 'verify'],
    ['pass', 'in_progress', null],
    ['pass', 'verified', null],
    ['fail', 'done', 'reopen'],
    ['fail', 'verified', 'reopen'],
    ['fail', 'in_progress', null],
    ['error', 'done', null],
    ['fail', 'cancelled', null],
  ] as const)('%s on a %s task → %s', (result, status, effect) => {
    expect(taskEffect(result, status)).toBe(effect);
  });
});
