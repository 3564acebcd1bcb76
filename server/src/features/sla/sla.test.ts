import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { BusEvent } from '../../platform/events/index.ts';
import { describeEachDialect } from '../../platform/testing/test-database.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

// 2026-03-02 is a Monday; the default calendar is UTC, Monday–Friday, 09:00–17:00.
const MONDAY = '2026-03-02';
const FINAL_TYPE = 'malicious-code/infected-system';

describeEachDialect('SLA', (dialect) => {
  let t: TestApp;
  let clock: Date;
  let admin: Record<string, string>;
  let hospital: { id: string };
  let events: BusEvent[];
  const setTime = (hhmm: string, day = MONDAY) => void (clock = new Date(`${day}T${hhmm}:00.000Z`));
  const iso = (hhmm: string, day = MONDAY) => `${day}T${hhmm}:00.000Z`;

  beforeEach(async () => {
    setTime('08:00');
    t = await createTestApp(dialect, {}, { now: () => clock });
    admin = await t.login();
    hospital = (
      await req('POST', '/api/v1/constituencies', { name: 'City Hospital', criticality: 'critical' })
    ).json();
    events = [];
    t.runtime.events.subscribe((e) => events.push(e));
  });
  afterEach(() => t.close());

  function req(method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) {
    return t.request({ method, url, headers: admin, ...(payload ? { payload } : {}) });
  }
  /** Severity × the critical constituency: critical/high → P1, medium → P2, low → P3. */
  const open = async (title: string, severity?: string, constituencyId: string | null = hospital.id) =>
    (
      await req('POST', '/api/v1/incidents', {
        title,
        ...(severity ? { severity } : {}),
        ...(constituencyId ? { constituencyId } : {}),
      })
    ).json();
  const get = async (key: string) => (await req('GET', `/api/v1/incidents/${key}`)).json();
  const timeline = async (key: string) =>
    (await req('GET', `/api/v1/incidents/${key}/timeline`)).json().items as {
      kind: string;
      actor: string;
      before?: unknown;
      after?: unknown;
    }[];
  const kinds = async (key: string) => (await timeline(key)).map((e) => e.kind);
  const check = () => t.features.services.sla.check();
  const audited = async (action: string) =>
    t.db.db
      .selectFrom('audit_events')
      .select(['actor_label', 'target_id'])
      .where('action', '=', action)
      .execute();

  it('counts due times from the priority: P1 in wall-clock time', async () => {
    const incident = await open('Ransomware', 'high');
    expect(incident.priority).toBe('P1');
    expect(incident.sla).toEqual({
      response: { dueAt: iso('08:30'), doneAt: null, warnedAt: null, breachedAt: null },
      resolution: { dueAt: iso('12:00'), doneAt: null, warnedAt: null, breachedAt: null },
    });
    expect((await open('No severity yet')).sla).toBeNull();
  });

  it('warns and records a breach once per clock, as the system, with live events', async () => {
    const { key } = await open('Ransomware', 'high');
    setTime('08:10');
    expect(await check()).toEqual({ warnings: 0, breaches: 0 });
    setTime('08:16'); // the warning comes 15 minutes before the 30-minute target
    expect(await check()).toEqual({ warnings: 1, breaches: 0 });
    expect(await check()).toEqual({ warnings: 0, breaches: 0 });
    setTime('08:31');
    // Two nodes at the same moment: the conditional update lets only one record it.
    const both = await Promise.all([check(), check()]);
    expect(both.reduce((n, r) => n + r.breaches, 0)).toBe(1);
    expect(await check()).toEqual({ warnings: 0, breaches: 0 });

    expect((await get(key)).sla.response).toEqual({
      dueAt: iso('08:30'),
      doneAt: null,
      warnedAt: iso('08:16'),
      breachedAt: iso('08:31'),
    });
    const entries = (await timeline(key)).filter((e) => e.kind.startsWith('sla_'));
    expect(entries).toEqual([
      expect.objectContaining({ kind: 'sla_warning', actor: 'system:sla' }),
      expect.objectContaining({
        kind: 'sla_breached',
        actor: 'system:sla',
        after: { clock: 'response', dueAt: iso('08:30') },
      }),
    ]);
    expect(await audited('incident.sla_warning')).toEqual([{ actor_label: 'system:sla', target_id: key }]);
    expect(await audited('incident.sla_breached')).toEqual([{ actor_label: 'system:sla', target_id: key }]);
    const sla = events.filter((e) => e.type === 'incident.sla');
    expect(sla.map((e) => e.data)).toEqual([
      { key, clock: 'response', mark: 'warning', dueAt: iso('08:30') },
      { key, clock: 'response', mark: 'breach', dueAt: iso('08:30') },
    ]);
    expect(sla[0]!.audience).toEqual({ constituencyId: hospital.id });
    expect(events.filter((e) => e.type === 'incident.changed' && e.data.key === key).length).toBeGreaterThan(
      2,
    );

    // The resolution clock runs on: 4 h, warned 48 minutes (20 %) ahead.
    setTime('11:13');
    expect(await check()).toEqual({ warnings: 1, breaches: 0 });
    expect((await get(key)).sla.resolution.warnedAt).toBe(iso('11:13'));
  });

  it('stops the response clock when the incident leaves triage, and keeps the first response', async () => {
    const { key } = await open('Phishing', 'high');
    setTime('08:05');
    await req('POST', `/api/v1/incidents/${key}/transition`, { version: 1, to: 'response' });
    setTime('09:00');
    expect(await check()).toEqual({ warnings: 0, breaches: 0 });
    const incident = await get(key);
    expect(incident.sla.response).toMatchObject({ doneAt: iso('08:05'), breachedAt: null });
    // Taking or assigning it later (the assignment feature calls markResponded) keeps the first time.
    setTime('09:05');
    const again = await t.db.db
      .transaction()
      .execute((tx) => t.features.services.sla.markResponded(tx, incident.id, clock));
    expect(again).toBe(false);
    expect((await get(key)).sla.response.doneAt).toBe(iso('08:05'));
  });

  it('stops the resolution clock at closure: a closed incident is never breached later', async () => {
    const { key } = await open('Defacement', 'critical');
    setTime('08:10');
    const closed = (
      await req('POST', `/api/v1/incidents/${key}/transition`, {
        version: 1,
        to: 'closed',
        closure: {
          outcome: 'false_positive',
          summary: 'Scheduled maintenance page',
          finalTypeId: FINAL_TYPE,
        },
      })
    ).json();
    expect(closed.sla).toMatchObject({
      response: { doneAt: iso('08:10') },
      resolution: { dueAt: iso('12:00'), doneAt: iso('08:10') },
    });
    setTime('13:00');
    expect(await check()).toEqual({ warnings: 0, breaches: 0 });
    expect(await kinds(key)).not.toContain('sla_breached');
  });

  it('recomputes due times from creation when the priority changes, on the timeline', async () => {
    const { key } = await open('Scan', 'low'); // P3: 8 business hours, 5 business days
    expect((await get(key)).sla).toMatchObject({
      response: { dueAt: iso('17:00') },
      resolution: { dueAt: iso('17:00', '2026-03-06') },
    });
    setTime('08:20');
    const raised = (await req('PATCH', `/api/v1/incidents/${key}`, { version: 1, severity: 'high' })).json();
    expect(raised).toMatchObject({
      priority: 'P1',
      sla: { response: { dueAt: iso('08:30') }, resolution: { dueAt: iso('12:00') } },
    });
    const changed = (await timeline(key)).filter((e) => e.kind === 'sla_changed');
    expect(changed).toEqual([
      expect.objectContaining({
        actor: 'admin@example.test',
        before: { responseDueAt: iso('17:00'), resolutionDueAt: iso('17:00', '2026-03-06') },
        after: { responseDueAt: iso('08:30'), resolutionDueAt: iso('12:00') },
      }),
    ]);

    setTime('08:31');
    expect(await check()).toEqual({ warnings: 0, breaches: 1 });
    // Lowered with a reason: the new response target lies ahead again, so the breach mark is lifted
    // (the timeline keeps it) and the job judges the new target.
    setTime('08:35');
    const lowered = (
      await req('PATCH', `/api/v1/incidents/${key}`, {
        version: 2,
        priorityOverride: { priority: 'P4', reason: 'Internal scanner, expected' },
      })
    ).json();
    expect(lowered.sla.response).toEqual({
      dueAt: iso('17:00', '2026-03-03'),
      doneAt: null,
      warnedAt: null,
      breachedAt: null,
    });
    expect((await kinds(key)).filter((k) => k.startsWith('sla_'))).toEqual([
      'sla_changed',
      'sla_breached',
      'sla_changed',
    ]);
  });

  it('lists the triage queue: priority, then the next due time, no priority last; filters breached', async () => {
    const none = await open('Unrated');
    setTime('08:01');
    const p3 = await open('Port scan', 'low');
    setTime('08:02');
    const p2 = await open('Credential leak', 'medium');
    setTime('08:03');
    const answered = await open('Ransomware A', 'high');
    await req('POST', `/api/v1/incidents/${answered.key}/transition`, { version: 1, to: 'response' });
    setTime('08:04');
    const waiting = await open('Ransomware B', 'critical');
    setTime('08:05');
    const other = await open('Elsewhere', 'critical', null); // critical × unknown criticality: P2
    const closed = await open('Closed one', 'high');
    await req('POST', `/api/v1/incidents/${closed.key}/transition`, {
      version: 1,
      to: 'closed',
      closure: { outcome: 'duplicate', summary: 'Same as B', finalTypeId: FINAL_TYPE },
    });

    const keys = async (query: string) =>
      (await req('GET', `/api/v1/incidents?${query}`)).json().items.map((i: { key: string }) => i.key);
    // B waits for its first response (due 08:34); A was answered, so its next due time is resolution.
    expect(await keys('open=true&sort=queue')).toEqual([
      waiting.key,
      answered.key,
      p2.key, // due 11:00 (2 business hours from 09:00)
      other.key, // due 11:00 too, opened later
      p3.key,
      none.key,
    ]);
    expect((await keys('open=true'))[0]).toBe(other.key);

    setTime('08:40');
    await check();
    expect(await keys('breached=true')).toEqual([waiting.key]);
    expect(await keys('breached=false&open=true&sort=queue')).not.toContain(waiting.key);
  });

  it('schedules the check every minute', async () => {
    await (await t.features.startJobs(false)).stop();
    const schedule = await t.db.db
      .selectFrom('job_schedules')
      .select(['cron', 'kind', 'next_run_at'])
      .where('name', '=', 'sla.check')
      .executeTakeFirstOrThrow();
    expect(schedule).toEqual({ cron: '* * * * *', kind: 'sla.check', next_run_at: iso('08:01') });
  });

  it('takes targets, calendar and priority matrix from the configuration file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fb-sla-'));
    const file = path.join(dir, 'config.json');
    const everyCellP2 = { critical: 'P2', high: 'P2', medium: 'P2', low: 'P2' };
    writeFileSync(
      file,
      JSON.stringify({
        sla: {
          targets: { P2: { responseMinutes: 60 } },
          calendar: { timeZone: 'Europe/Berlin', startHour: 8, holidays: [MONDAY] },
        },
        priorityMatrix: { critical: everyCellP2, high: everyCellP2, medium: everyCellP2, low: everyCellP2 },
      }),
    );
    const configured = await createTestApp(dialect, { FIREBREAK_CONFIG_FILE: file }, { now: () => clock });
    try {
      const headers = await configured.login();
      const res = await configured.request({
        method: 'POST',
        url: '/api/v1/incidents',
        headers,
        payload: { title: 'Low but P2 here', severity: 'low' },
      });
      // Monday is a holiday: Tuesday 08:00 Berlin (07:00 UTC) + 60 minutes.
      expect(res.json()).toMatchObject({
        priority: 'P2',
        sla: { response: { dueAt: '2026-03-03T08:00:00.000Z' } },
      });
    } finally {
      await configured.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
