import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/test-database.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

type Headers = Record<string, string>;
const url = '/api/v1/correlation-rules';

describeEachDialect('correlation rules (admin)', (dialect) => {
  let t: TestApp;
  let admin: Headers;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    admin = await t.login();
  });
  afterEach(() => t.close());

  const req = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, payload?: object, headers = admin) =>
    t.request({ method, url: path, headers, ...(payload ? { payload } : {}) });
  const sameIp = { name: 'Same IP', observableTypes: ['ipv4', 'ipv6'], windowHours: 24 };

  it('creates with defaults, lists in order, changes at the version seen, deletes — each audited', async () => {
    const created = await req('POST', url, sameIp);
    expect(created.statusCode).toBe(201);
    const rule = created.json();
    expect(rule).toMatchObject({
      ...sameIp,
      enabled: true,
      sameConstituency: false,
      minShared: 1,
      source: null,
      version: 1,
      updatedBy: 'admin@example.test',
    });
    await req('POST', url, {
      name: 'Hashes',
      observableTypes: ['sha256'],
      windowHours: 72,
      source: 'suricata',
    });
    expect((await req('GET', url)).json().items.map((r: { name: string }) => r.name)).toEqual([
      'Same IP',
      'Hashes',
    ]);

    const changed = await req('PUT', `${url}/${rule.id}`, {
      ...sameIp,
      enabled: false,
      minShared: 2,
      version: 1,
    });
    expect(changed.json()).toMatchObject({ enabled: false, minShared: 2, version: 2 });
    const stale = await req('PUT', `${url}/${rule.id}`, { ...sameIp, version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('stale_version');
    expect((await req('POST', url, { ...sameIp, observableTypes: ['url'] })).statusCode).toBe(409);

    expect((await req('DELETE', `${url}/${rule.id}`)).statusCode).toBe(204);
    expect((await req('DELETE', `${url}/${rule.id}`)).statusCode).toBe(404);
    const actions = (await t.runtime.audit.list({ limit: 20 })).items
      .filter((a) => a.targetId === rule.id)
      .map((a) => a.action)
      .sort();
    expect(actions).toEqual([
      'correlation_rule.changed',
      'correlation_rule.created',
      'correlation_rule.deleted',
    ]);
  });

  it('names every problem of a bad rule and keeps it to admins', async () => {
    const res = await req('POST', url, {
      name: '',
      observableTypes: ['ipv4', 'ipv4'],
      windowHours: 0,
      minShared: 0,
    });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['body.minShared', 'body.name', 'body.observableTypes', 'body.windowHours']);
    const unknownType = await req('POST', url, { ...sameIp, observableTypes: ['ipv4', 'mac'] });
    expect(unknownType.json().errors.map((e: { path: string }) => e.path)).toEqual([
      'body.observableTypes.1',
    ]);
    const handler = await t.userWithRole('handler');
    expect((await req('GET', url, undefined, handler.headers)).statusCode).toBe(403);
    expect((await req('POST', url, sameIp, handler.headers)).statusCode).toBe(403);
  });
});
