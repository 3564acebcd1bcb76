import { afterEach, beforeEach, expect, it } from 'vitest';
import { transaction } from '../../platform/db/transaction.ts';
import { describeEachDialect } from '../../platform/testing/test-database.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

type Headers = Record<string, string>;
interface TaskJson {
  id: string;
  version: number;
  status: string;
  cycle: number;
  originCycle: number;
  approval: string | null;
}

describeEachDialect('tasks: cycles, transitions, approvals', (dialect) => {
  let t: TestApp;
  let admin: Headers;
  let key: string;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    admin = await t.login();
    const res = await req('POST', '/api/v1/incidents', admin, { title: 'Defaced portal', severity: 'high' });
    key = res.json<{ key: string }>().key;
  });
  afterEach(() => t.close());

  const req = (method: 'GET' | 'POST' | 'PATCH', url: string, headers: Headers, payload?: object) =>
    t.request({ method, url, headers, ...(payload ? { payload } : {}) });
  const newTask = async (extra: object = {}, headers = admin) => {
    const res = await req('POST', `/api/v1/incidents/${key}/tasks`, headers, {
      title: 'Ask the ISP to block 192.0.2.7',
      step: 'proposed_action',
      party: { kind: 'isp', name: 'Example ISP' },
      ...extra,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<TaskJson>();
  };
  const move = (task: TaskJson, to: string, extra: object = {}, headers = admin) =>
    req('POST', `/api/v1/incidents/${key}/tasks/${task.id}/transition`, headers, {
      version: task.version,
      to,
      ...extra,
    });
  const decide = (task: TaskJson, decision: string, headers: Headers) =>
    req('POST', `/api/v1/incidents/${key}/tasks/${task.id}/approval`, headers, {
      version: task.version,
      decision,
      reason: 'Agreed with the system owner',
    });
  const timeline = async () =>
    (await req('GET', `/api/v1/incidents/${key}/timeline`, admin)).json<{
      items: { kind: string; text: string }[];
    }>().items;
  const auditActions = async () =>
    (await t.db.db.selectFrom('audit_events').select('action').where('target_id', '=', key).execute()).map(
      (a) => a.action,
    );

  it('walks a task through proposed → in_progress → done → verified, on the timeline and in the audit log', async () => {
    let task = await newTask();
    expect(task).toMatchObject({ status: 'proposed', cycle: 1, originCycle: 1, approval: null });
    for (const to of ['in_progress', 'done']) {
      const res = await move(task, to);
      expect(res.statusCode, res.body).toBe(200);
      task = res.json();
    }
    const verified = await move(task, 'verified', {
      verification: { method: 'party_confirmation', note: 'ISP confirmed the null route' },
    });
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toMatchObject({
      status: 'verified',
      verification: {
        method: 'party_confirmation',
        note: 'ISP confirmed the null route',
        by: 'admin@example.test',
      },
    });
    const kinds = (await timeline()).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['task_created', 'task_status', 'task_verified']));
    expect((await timeline()).find((e) => e.kind === 'task_verified')?.text).toBe(
      'Task done → verified: Ask the ISP to block 192.0.2.7 by party confirmation: ISP confirmed the null route',
    );
    expect(await auditActions()).toEqual(
      expect.arrayContaining(['incident.task_created', 'incident.task_status', 'incident.task_verified']),
    );
    const board = (await req('GET', `/api/v1/incidents/${key}/tasks`, admin)).json();
    expect(board).toMatchObject({ currentCycle: 1, items: [{ id: task.id, status: 'verified' }] });
  });

  it('refuses an out-of-order transition naming the allowed ones, and changes nothing', async () => {
    const task = await newTask();
    const res = await move(task, 'done');
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({
      code: 'illegal_task_transition',
      detail: 'A proposed task cannot become done; from proposed it can become: in_progress, cancelled',
      allowed: ['in_progress', 'cancelled'],
    });
    const unverified = await move(task, 'cancelled');
    expect(unverified.statusCode).toBe(400);
    expect(unverified.json()).toMatchObject({ code: 'reason_required', errors: [{ path: 'body.reason' }] });
    const board = (await req('GET', `/api/v1/incidents/${key}/tasks`, admin)).json();
    expect(board.items[0]).toMatchObject({ status: 'proposed', version: 1 });
    expect((await timeline()).filter((e) => e.kind.startsWith('task_')).map((e) => e.kind)).toEqual([
      'task_created',
    ]);
  });

  it('answers a stale version with 409 and the current task', async () => {
    const task = await newTask();
    expect((await move(task, 'in_progress')).statusCode).toBe(200);
    const res = await req('PATCH', `/api/v1/incidents/${key}/tasks/${task.id}`, admin, {
      version: task.version,
      title: 'Lost edit',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      code: 'stale_version',
      current: { status: 'in_progress', version: 2 },
    });
  });

  it('puts only the fields an edit changed on the timeline', async () => {
    const task = await newTask({ dueAt: '2026-12-01T10:00:00.000Z' });
    const before = (await timeline()).length;
    // The web form sends every field back, most of them unchanged.
    const res = await req('PATCH', `/api/v1/incidents/${key}/tasks/${task.id}`, admin, {
      version: task.version,
      title: 'Ask the ISP to null-route 192.0.2.7',
      step: 'proposed_action',
      party: { kind: 'isp', name: 'Example ISP', userId: null },
      dueAt: '2026-12-01T10:00:00.000Z',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ title: 'Ask the ISP to null-route 192.0.2.7', version: 2 });
    const added = (await timeline()).slice(before);
    expect(added).toHaveLength(1);
    expect(added[0]!.text).toContain('null-route');
    expect(added[0]!.text).not.toMatch(/party|due/i);
  });

  it('lets one of two concurrent writers win and answers the other 409, for tasks and cycles', async () => {
    const task = await newTask();
    const moves = await Promise.all([move(task, 'in_progress'), move(task, 'cancelled', { reason: 'dup' })]);
    expect(moves.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const board = (await req('GET', `/api/v1/incidents/${key}/tasks`, admin)).json();
    expect(board.items[0].version).toBe(2);
    expect((await timeline()).filter((e) => e.kind === 'task_status')).toHaveLength(1);

    const starts = await Promise.all(
      [1, 2].map(() => req('POST', `/api/v1/incidents/${key}/cycles`, admin, { currentCycle: 1 })),
    );
    expect(starts.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const after = (await req('GET', `/api/v1/incidents/${key}/tasks`, admin)).json();
    expect(after.cycles.map((c: { number: number }) => c.number)).toEqual([1, 2]);
  });

  it('lets only a lead, an admin or a designated approver approve, and needs approval before done', async () => {
    const handler = await t.userWithRole('handler');
    const approver = await t.userWithRole('handler', { name: 'Designated Dana' });
    const lead = await t.userWithRole('lead');
    let task = await newTask({
      title: 'Take the server off the network',
      requiresApproval: true,
      approverIds: [approver.id],
    });
    expect(task.approval).toBe('pending');
    task = (await move(task, 'in_progress', {}, handler.headers)).json();

    const early = await move(task, 'done', {}, handler.headers);
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'approval_required' });

    const byHandler = await decide(task, 'approved', handler.headers);
    expect(byHandler.statusCode).toBe(403);
    expect(byHandler.json()).toMatchObject({ code: 'forbidden' });
    expect(byHandler.json().detail).toMatch(/lead, an admin or an approver designated/);

    const rejected = await decide(task, 'rejected', approver.headers);
    expect(rejected.statusCode).toBe(200);
    task = rejected.json();
    expect(task.approval).toBe('rejected');
    expect((await move(task, 'done', {}, handler.headers)).statusCode).toBe(409);

    const approved = await decide(task, 'approved', lead.headers);
    expect(approved.statusCode).toBe(200);
    task = approved.json();
    expect(approved.json().approvals).toMatchObject([
      { decision: 'rejected', actor: approver.email },
      { decision: 'approved', actor: lead.email, reason: 'Agreed with the system owner' },
    ]);
    expect((await move(task, 'done', {}, handler.headers)).statusCode).toBe(200);
    const kinds = (await timeline()).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['task_rejected', 'task_approved']));
    expect(await auditActions()).toEqual(expect.arrayContaining(['incident.task_approved']));

    const plain = await newTask();
    expect((await decide(plain, 'approved', lead.headers)).json()).toMatchObject({
      code: 'approval_not_required',
    });
  });

  it('starts a new cycle carrying over the open tasks only', async () => {
    const open1 = await newTask({ title: 'Open one' });
    let started = await newTask({ title: 'Under way' });
    started = (await move(started, 'in_progress')).json();
    let finished = await newTask({ title: 'Finished' });
    finished = (await move(finished, 'in_progress')).json();
    finished = (await move(finished, 'done')).json();
    const cancelled = (
      await move(await newTask({ title: 'Dropped' }), 'cancelled', { reason: 'not needed' })
    ).json();

    const res = await req('POST', `/api/v1/incidents/${key}/cycles`, admin, { currentCycle: 1 });
    expect(res.statusCode, res.body).toBe(201);
    const board = res.json();
    expect(board.currentCycle).toBe(2);
    expect(board.cycles.map((c: { number: number }) => c.number)).toEqual([1, 2]);
    const byId = new Map(board.items.map((i: TaskJson) => [i.id, i]));
    expect(byId.get(open1.id)).toMatchObject({ cycle: 2, originCycle: 1, status: 'proposed' });
    expect(byId.get(started.id)).toMatchObject({ cycle: 2, originCycle: 1, status: 'in_progress' });
    expect(byId.get(finished.id)).toMatchObject({ cycle: 1, status: 'done' });
    expect(byId.get(cancelled.id)).toMatchObject({ cycle: 1, status: 'cancelled' });
    const entry = (await timeline()).find((e) => e.kind === 'cycle_started');
    expect(entry?.text).toBe('Resolution cycle 2 started; carried over: Open one; Under way');

    const stale = await req('POST', `/api/v1/incidents/${key}/cycles`, admin, { currentCycle: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'stale_cycle', currentCycle: 2 });
    expect((await newTask({ title: 'New in cycle 2' })).cycle).toBe(2);
  });

  it('verifies and reopens through the automatic-check entry points as the system', async () => {
    let task = await newTask();
    task = (await move(task, 'in_progress')).json();
    expect(
      await transaction(t.db.db, (tx) => t.features.services.tasks.verifyByCheck(tx, task.id, 'too early')),
    ).toBe(false);
    task = (await move(task, 'done')).json();
    const verified = await transaction(t.db.db, (tx, onCommit) =>
      t.features.services.tasks.verifyByCheck(tx, task.id, 'http://192.0.2.7/ answers 404', onCommit),
    );
    expect(verified).toBe(true);
    let board = (await req('GET', `/api/v1/incidents/${key}/tasks`, admin)).json();
    expect(board.items[0]).toMatchObject({
      status: 'verified',
      verification: {
        method: 'technical_check',
        note: 'http://192.0.2.7/ answers 404',
        by: 'system:task-checks',
      },
    });
    const reopened = await transaction(t.db.db, (tx, onCommit) =>
      t.features.services.tasks.reopenByCheck(tx, task.id, 'the URL answers again', onCommit),
    );
    expect(reopened).toBe(true);
    board = (await req('GET', `/api/v1/incidents/${key}/tasks`, admin)).json();
    expect(board.items[0]).toMatchObject({ status: 'in_progress', verification: null });
    const reopenedEntry = (await timeline()).find((e) => e.kind === 'task_reopened');
    expect(reopenedEntry?.text).toBe(
      'Task verified → in_progress: Ask the ISP to block 192.0.2.7: the URL answers again',
    );
  });

  it('refuses unknown users all at once, writing nothing, and hides incidents out of scope', async () => {
    const res = await req('POST', `/api/v1/incidents/${key}/tasks`, admin, {
      title: 'Call the vendor',
      step: 'research',
      party: { kind: 'vendor', name: 'ACME', userId: 'nobody-1' },
      ownerId: 'nobody-2',
      approverIds: ['nobody-3'],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual([
      'body.ownerId',
      'body.party.userId',
      'body.approverIds.0',
    ]);
    expect((await req('GET', `/api/v1/incidents/${key}/tasks`, admin)).json().items).toEqual([]);

    const viewer = await t.userWithRole('viewer');
    expect(
      (
        await req('POST', `/api/v1/incidents/${key}/tasks`, viewer.headers, {
          title: 'x',
          step: 'other',
          party: { kind: 'own_team' },
        })
      ).statusCode,
    ).toBe(403);
    const outsider = await t.userWithRole('handler', { scope: { tlpCeiling: 'clear' } });
    const hidden = await req('GET', `/api/v1/incidents/${key}/tasks`, outsider.headers);
    expect(hidden.statusCode).toBe(404);
  });
});
