import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Dialect } from '../../platform/db/database.ts';
import { createJobQueue, createJobRunner } from '../../platform/jobs/index.ts';
import { createLogger } from '../../platform/log/logger.ts';
import { describeEachDialect } from '../../platform/testing/test-database.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { RUN_TASK_CHECKS, taskCheckJobs } from './index.ts';

type Headers = Record<string, string>;
interface TaskJson {
  id: string;
  version: number;
  status: string;
  verification: { method: string; note: string } | null;
}
interface CheckJson {
  id: string;
  lastResult: string | null;
  lastDetail: string | null;
  baseline: string | null;
  nextRunAt: string;
}

// One loopback web server for every test; each test says what it answers.
const page = { status: 200, body: 'phishing kit' };
let web: http.Server;
let webUrl: string;
beforeAll(async () => {
  web = http.createServer((_req, res) => {
    res.statusCode = page.status;
    res.end(page.body);
  });
  await new Promise<void>((r) => web.listen(0, '127.0.0.1', r));
  webUrl = `http://127.0.0.1:${(web.address() as AddressInfo).port}/login.php`;
});
afterAll(async () => {
  web.closeAllConnections();
  await new Promise((r) => web.close(r));
});

function harness(dialect: Dialect, allow: string | null) {
  const state = {} as { t: TestApp; admin: Headers; key: string; clock: number };
  beforeEach(async () => {
    state.clock = Date.now();
    state.t = await createTestApp(
      dialect,
      { FIREBREAK_OUTBOUND_MAX_BYTES: '4096', ...(allow ? { FIREBREAK_OUTBOUND_ALLOW: allow } : {}) },
      {
        now: () => new Date(state.clock),
      },
    );
    state.admin = await state.t.login();
    const res = await req('POST', '/api/v1/incidents', state.admin, {
      title: 'Phishing site',
      severity: 'high',
    });
    state.key = res.json<{ key: string }>().key;
    page.status = 200;
    page.body = 'phishing kit';
  });
  afterEach(() => state.t.close());

  const req = (method: 'GET' | 'POST' | 'DELETE', url: string, headers: Headers, payload?: object) =>
    state.t.request({ method, url, headers, ...(payload ? { payload } : {}) });
  const base = () => `/api/v1/incidents/${state.key}/tasks`;
  const getTask = async (id: string) =>
    (await req('GET', base(), state.admin)).json<{ items: TaskJson[] }>().items.find((x) => x.id === id)!;
  async function doneTask(): Promise<TaskJson> {
    const res = await req('POST', base(), state.admin, {
      title: 'ISP takes the phishing page down',
      step: 'performed_action',
      party: { kind: 'isp', name: 'Example ISP' },
    });
    expect(res.statusCode, res.body).toBe(201);
    let task = res.json<TaskJson>();
    for (const to of ['in_progress', 'done']) {
      const moved = await req('POST', `${base()}/${task.id}/transition`, state.admin, {
        version: task.version,
        to,
      });
      expect(moved.statusCode, moved.body).toBe(200);
      task = moved.json<TaskJson>();
    }
    return task;
  }
  async function arm(taskId: string, body: object): Promise<CheckJson> {
    const res = await req('POST', `${base()}/${taskId}/checks`, state.admin, body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json<CheckJson>();
  }
  async function run(taskId: string, checkId: string): Promise<CheckJson> {
    const res = await req('POST', `${base()}/${taskId}/checks/${checkId}/run`, state.admin);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<CheckJson>();
  }
  const timeline = async () =>
    (await req('GET', `/api/v1/incidents/${state.key}/timeline`, state.admin)).json<{
      items: { kind: string; text: string; actor: string }[];
    }>().items;
  return { state, req, base, getTask, doneTask, arm, run, timeline };
}

describeEachDialect('task checks with loopback allowed', (dialect) => {
  const h = harness(dialect, '127.0.0.0/8,::1');

  it('url_answers: a URL that still answers reopens the task; once it is gone, the check verifies it', async () => {
    const task = await h.doneTask();
    const check = await h.arm(task.id, { kind: 'url_answers', target: webUrl });
    expect(check).toMatchObject({ lastResult: null });

    const failed = await h.run(task.id, check.id);
    expect(failed).toMatchObject({ lastResult: 'fail', lastDetail: 'The URL answers HTTP 200' });
    expect((await h.getTask(task.id)).status).toBe('in_progress');
    const kinds = (await h.timeline()).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['task_check_added', 'task_check_run', 'task_reopened']));

    page.status = 404;
    const current = await h.getTask(task.id);
    await h.req('POST', `${h.base()}/${task.id}/transition`, h.state.admin, {
      version: current.version,
      to: 'done',
    });
    expect(await h.run(task.id, check.id)).toMatchObject({
      lastResult: 'pass',
      lastDetail: 'The URL answers HTTP 404',
    });
    const verified = await h.getTask(task.id);
    expect(verified).toMatchObject({ status: 'verified', verification: { method: 'technical_check' } });
    expect(verified.verification?.note).toContain(webUrl);
    const entry = (await h.timeline()).find((e) => e.kind === 'task_verified');
    expect(entry?.actor).toBe('system:task-checks');
  });

  it('url_content_changed: compares against the baseline taken when armed', async () => {
    const task = await h.doneTask();
    const check = await h.arm(task.id, { kind: 'url_content_changed', target: webUrl });
    expect(check.baseline).toMatch(/^[0-9a-f]{64}$/);
    expect(await h.run(task.id, check.id)).toMatchObject({ lastResult: 'fail' });
    expect((await h.getTask(task.id)).status).toBe('in_progress');
    page.body = 'This account has been suspended';
    const unchanged = await h.arm(task.id, {
      kind: 'url_content_changed',
      target: webUrl,
      expectation: 'unchanged',
    });
    expect((await h.run(task.id, check.id)).lastDetail).toMatch(/^Changed: HTTP 200/);
    expect((await h.run(task.id, unchanged.id)).lastResult).toBe('pass');
  });

  it('an answer over the size cap still answers, but cannot serve as content', async () => {
    const task = await h.doneTask();
    page.body = 'x'.repeat(10_000);
    const check = await h.arm(task.id, { kind: 'url_answers', target: webUrl });
    expect(await h.run(task.id, check.id)).toMatchObject({
      lastResult: 'fail',
      lastDetail: 'The URL answers HTTP 200',
    });
    const res = await h.req('POST', `${h.base()}/${task.id}/checks`, h.state.admin, {
      kind: 'url_content_changed',
      target: webUrl,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'task_check_target_refused',
      detail: 'The HTTP 200 answer is too large to compare',
    });
  });

  it('tcp_port_open: an open port fails a "closed" expectation, a closed one passes', async () => {
    const task = await h.doneTask();
    const listener = net.createServer((s) => s.end());
    await new Promise<void>((r) => listener.listen(0, '127.0.0.1', r));
    const port = (listener.address() as AddressInfo).port;
    const check = await h.arm(task.id, { kind: 'tcp_port_open', target: `127.0.0.1:${port}` });
    expect(await h.run(task.id, check.id)).toMatchObject({
      lastResult: 'fail',
      lastDetail: 'The port is open (127.0.0.1)',
    });
    await new Promise((r) => listener.close(r));
    const current = await h.getTask(task.id);
    await h.req('POST', `${h.base()}/${task.id}/transition`, h.state.admin, {
      version: current.version,
      to: 'done',
    });
    const passed = await h.run(task.id, check.id);
    expect(passed.lastResult).toBe('pass');
    expect(passed.lastDetail).toMatch(/^The port is closed/);
    expect((await h.getTask(task.id)).status).toBe('verified');
  });

  it('observable_reappears: passes while no new report carries it, fails when one arrives', async () => {
    const task = await h.doneTask();
    const check = await h.arm(task.id, {
      kind: 'observable_reappears',
      observableType: 'ipv4',
      target: '198.51.100.23',
    });
    expect(await h.run(task.id, check.id)).toMatchObject({ lastResult: 'pass' });
    expect((await h.getTask(task.id)).status).toBe('verified');
    h.state.clock += 1000;
    const report = await h.req('POST', '/api/v1/reports', h.state.admin, {
      channel: 'email',
      reporter: { kind: 'organisation', name: 'Honeynet', contact: 'feed@honeynet.example', trust: 'high' },
      title: 'SSH brute force',
      body: 'Attacks from 198.51.100.23 continue after the block',
    });
    expect(report.statusCode, report.body).toBe(201);
    const failed = await h.run(task.id, check.id);
    expect(failed).toMatchObject({ lastResult: 'fail' });
    expect(failed.lastDetail).toContain('Seen again in 1 report(s)');
    expect((await h.getTask(task.id)).status).toBe('in_progress');
  });

  it('the scheduled job runs due checks once, on their interval, through the job system', async () => {
    const task = await h.doneTask();
    const check = await h.arm(task.id, { kind: 'url_answers', target: webUrl, intervalMinutes: 5 });
    const { t } = h.state;
    const service = t.features.services.taskChecks;
    expect(await service.runDue()).toBe(0); // not due yet
    h.state.clock += 5 * 60_000;
    const runner = createJobRunner(t.db, {
      handlers: taskCheckJobs(service),
      log: createLogger('silent'),
      leaseMs: 30_000,
      pollMs: 1000,
      now: () => new Date(h.state.clock),
    });
    await createJobQueue(t.db, () => new Date(h.state.clock)).enqueue(RUN_TASK_CHECKS, {});
    expect(await runner.runOnce()).toBe(1);
    const [ran] = (await h.req('GET', `${h.base()}/${task.id}/checks`, h.state.admin)).json<{
      items: CheckJson[];
    }>().items;
    expect(ran).toMatchObject({ id: check.id, lastResult: 'fail' });
    expect(Date.parse(ran!.nextRunAt)).toBe(h.state.clock + 5 * 60_000);
    expect((await h.getTask(task.id)).status).toBe('in_progress');
    expect(await service.runDue()).toBe(0); // claimed and moved on: not run twice
    const runs = (await h.timeline()).filter((e) => e.kind === 'task_check_run');
    expect(runs).toHaveLength(1);
    expect(runs[0]!.actor).toBe('system:task-checks');
  });

  it('refuses bad input all at once, writing nothing; viewers cannot arm; unknown tasks are 404', async () => {
    const task = await h.doneTask();
    const url = `${h.base()}/${task.id}/checks`;
    for (const [body, path] of [
      [{ kind: 'tcp_port_open', target: 'no-port-here' }, 'body.target'],
      [{ kind: 'url_answers', target: 'ftp://example.org/' }, 'body.target'],
      [{ kind: 'observable_reappears', target: '198.51.100.23' }, 'body.observableType'],
      [{ kind: 'observable_reappears', observableType: 'ipv4', target: 'not-an-ip' }, 'body.target'],
      [{ kind: 'url_answers', target: webUrl, expectation: 'closed' }, 'body.expectation'],
    ] as const) {
      const res = await h.req('POST', url, h.state.admin, body);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    // The incident is TLP:AMBER: a handler cleared for GREEN does not see it, nor its checks.
    const green = await h.state.t.userWithRole('handler', { scope: { tlpCeiling: 'green' } });
    expect((await h.req('GET', url, green.headers)).statusCode).toBe(404);
    expect(
      (await h.req('POST', url, green.headers, { kind: 'url_answers', target: webUrl })).statusCode,
    ).toBe(404);
    const viewer = await h.state.t.userWithRole('viewer');
    expect(
      (await h.req('POST', url, viewer.headers, { kind: 'url_answers', target: webUrl })).statusCode,
    ).toBe(403);
    expect(
      (await h.req('POST', `${h.base()}/nope/checks`, h.state.admin, { kind: 'url_answers', target: webUrl }))
        .statusCode,
    ).toBe(404);
    expect((await h.req('GET', url, h.state.admin)).json().items).toEqual([]);
    const check = await h.arm(task.id, { kind: 'url_answers', target: webUrl });
    expect((await h.req('DELETE', `${url}/${check.id}`, h.state.admin)).statusCode).toBe(204);
    expect((await h.req('GET', url, h.state.admin)).json().items).toEqual([]);
    expect((await h.timeline()).map((e) => e.kind)).toContain('task_check_removed');
  });
});

describe('task checks with the default outbound policy', () => {
  describeEachDialect('loopback refused', (dialect) => {
    const h = harness(dialect, null);

    it('refuses loopback: the run is an error that leaves the task alone, a baseline cannot be taken', async () => {
      const task = await h.doneTask();
      const check = await h.arm(task.id, { kind: 'url_answers', target: webUrl });
      const ran = await h.run(task.id, check.id);
      expect(ran.lastResult).toBe('error');
      expect(ran.lastDetail).toContain('loopback');
      expect((await h.getTask(task.id)).status).toBe('done');
      const port = await h.arm(task.id, {
        kind: 'tcp_port_open',
        target: `localhost:${(web.address() as AddressInfo).port}`,
      });
      expect((await h.run(task.id, port.id)).lastResult).toBe('error');
      const res = await h.req('POST', `${h.base()}/${task.id}/checks`, h.state.admin, {
        kind: 'url_content_changed',
        target: webUrl,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'task_check_target_refused' });
    });
  });
});
