import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/test-database.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

type Headers = Record<string, string>;

describeEachDialect('reports: bulk actions', (dialect) => {
  let t: TestApp;
  let admin: Headers;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    admin = await t.login();
  });
  afterEach(() => t.close());

  const req = (method: 'GET' | 'POST', url: string, payload?: object, headers = admin) =>
    t.request({ method, url, headers, ...(payload ? { payload } : {}) });
  const bulk = (payload: object, headers = admin) => req('POST', '/api/v1/reports/bulk', payload, headers);
  const report = async (title: string, over: object = {}) =>
    (
      await req('POST', '/api/v1/reports', {
        channel: 'phone',
        reporter: { kind: 'person', name: 'Ana' },
        title,
        body: title,
        ...over,
      })
    ).json();
  const reports = (n: number) => Promise.all(Array.from({ length: n }, (_, i) => report(`Report ${i + 1}`)));
  const statuses = async (ids: string[]) =>
    Promise.all(ids.map(async (id) => (await req('GET', `/api/v1/reports/${id}`)).json().status as string));

  it('links many reports to an incident in one go, each on its timeline and in the audit log', async () => {
    const incident = (await req('POST', '/api/v1/incidents', { title: 'Phishing wave' })).json();
    const ids = (await reports(3)).map((r) => r.id);
    const res = await bulk({ action: 'link', reportIds: ids, incidentKey: incident.key });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ action: 'link', reportIds: ids, incidentKey: incident.key });
    expect(await statuses(ids)).toEqual(['linked', 'linked', 'linked']);
    const after = (await req('GET', `/api/v1/incidents/${incident.key}`)).json();
    expect([...after.reportIds].sort()).toEqual([...ids].sort());
    const audit = await t.runtime.audit.list({ action: 'report.linked', limit: 10 });
    expect(audit.items.map((a) => a.targetId).sort()).toEqual([...ids].sort());

    const stale = await bulk({
      action: 'link',
      reportIds: [(await report('Late')).id],
      incidentKey: incident.key,
      version: incident.version,
    });
    expect(stale.statusCode).toBe(409);
  });

  it('changes nothing when one id is bad, naming each bad one', async () => {
    const ids = (await reports(4)).map((r) => r.id);
    await req('POST', `/api/v1/reports/${ids[2]}/discard`, { reason: 'duplicate', version: 1 });
    const payload = { reportIds: [ids[0], 'no-such-report', ids[2], ids[3], ids[0]] };
    for (const action of [
      { action: 'discard', reason: 'false_positive', note: 'Scanner noise' },
      { action: 'open', title: 'From many' },
    ]) {
      const res = await bulk({ ...action, ...payload });
      expect(res.statusCode, action.action).toBe(400);
      expect(res.json().errors, action.action).toEqual([
        { path: 'body.reportIds.4', message: `report ${ids[0]} is listed twice` },
      ]);
      const once = await bulk({ ...action, reportIds: payload.reportIds.slice(0, 4) });
      expect(once.json().errors, action.action).toEqual([
        { path: 'body.reportIds.1', message: 'report no-such-report was not found' },
        { path: 'body.reportIds.2', message: `report ${ids[2]} is discarded already` },
      ]);
    }
    expect(await statuses(ids)).toEqual(['new', 'new', 'discarded', 'new']);
    expect((await req('GET', '/api/v1/incidents')).json().items).toEqual([]);
    const tooMany = await bulk({ action: 'discard', reason: 'duplicate', reportIds: Array(501).fill('x') });
    expect(tooMany.statusCode).toBe(400);
  });

  it('opens one incident from many, marked as strictly as the strictest report', async () => {
    const a = await report('Credential phishing', { tlp: 'green', severity: 'medium' });
    const b = await report('Same kit', { tlp: 'red', pap: 'red', severity: 'high' });
    const res = await bulk({ action: 'open', reportIds: [a.id, b.id] });
    expect(res.statusCode).toBe(200);
    const incident = (await req('GET', `/api/v1/incidents/${res.json().incidentKey}`)).json();
    expect(incident).toMatchObject({
      title: 'Credential phishing',
      tlp: 'red',
      pap: 'red',
      severity: 'high',
    });
    expect([...incident.reportIds].sort()).toEqual([a.id, b.id].sort());
  });

  it('discards many with one reason, within the actor’s scope and role', async () => {
    const ids = (await reports(3)).map((r) => r.id);
    const viewer = await t.userWithRole('viewer');
    expect(
      (await bulk({ action: 'discard', reportIds: ids, reason: 'duplicate' }, viewer.headers)).statusCode,
    ).toBe(403);
    // A handler limited to one constituency does not see these unattributed reports.
    const scoped = await t.userWithRole('handler', { scope: { constituencies: [] } });
    const hidden = await bulk({ action: 'discard', reportIds: ids, reason: 'duplicate' }, scoped.headers);
    expect(hidden.json().errors.map((e: { path: string }) => e.path)).toEqual([
      'body.reportIds.0',
      'body.reportIds.1',
      'body.reportIds.2',
    ]);

    const res = await bulk({
      action: 'discard',
      reportIds: ids,
      reason: 'not_an_incident',
      note: 'Test calls',
    });
    expect(res.json()).toEqual({ action: 'discard', reportIds: ids, incidentKey: null });
    for (const id of ids)
      expect((await req('GET', `/api/v1/reports/${id}`)).json()).toMatchObject({
        status: 'discarded',
        discard: { reason: 'not_an_incident', note: 'Test calls' },
      });
    const audit = await t.runtime.audit.list({ action: 'report.discarded', limit: 10 });
    expect(audit.items.map((a) => a.data)).toEqual(
      ids.map(() => ({ reason: 'not_an_incident', note: 'Test calls' })),
    );
  });
});
