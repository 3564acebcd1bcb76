import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/test-database.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

const hospital = {
  name: 'City Hospital',
  criticality: 'critical',
  description: 'Regional hospital network',
  assets: [
    { kind: 'cidr', value: '198.51.100.0/24' },
    { kind: 'domain', value: 'hospital.example' },
    { kind: 'asn', value: 'AS64500' },
    { kind: 'keyword', value: 'City Hospital' },
  ],
  contacts: [
    {
      name: 'Hanna Ops',
      role: 'SOC lead',
      email: 'soc@hospital.example',
      language: 'de',
      audience: 'technical',
      mayDisclose: false,
    },
  ],
};
const school = {
  name: 'School Board',
  criticality: 'low',
  assets: [{ kind: 'cidr', value: '203.0.113.0/24' }],
};

describeEachDialect('constituencies', (dialect) => {
  let t: TestApp;
  let admin: Record<string, string>;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    admin = await t.login();
  });
  afterEach(() => t.close());

  const create = async (body: object) =>
    t.request({ method: 'POST', url: '/api/v1/constituencies', headers: admin, payload: body });

  it('creates a constituency with normalised assets and contacts, and audits it', async () => {
    const res = await create({
      ...hospital,
      assets: [...hospital.assets, { kind: 'cidr', value: '198.51.100.9/24' }],
    });
    expect(res.statusCode).toBe(201);
    const c = res.json();
    expect(c.assets).toEqual([
      { kind: 'cidr', value: '198.51.100.0/24' },
      { kind: 'domain', value: 'hospital.example' },
      { kind: 'asn', value: 'AS64500' },
      { kind: 'keyword', value: 'city hospital' },
    ]);
    expect(c.contacts[0]).toMatchObject({
      email: 'soc@hospital.example',
      audience: 'technical',
      pgpKey: '',
      mayDisclose: false,
    });
    const got = await t.request({ method: 'GET', url: `/api/v1/constituencies/${c.id}`, headers: admin });
    expect(got.json()).toEqual(c);
    const audit = await t.runtime.audit.list({ action: 'constituency.created', limit: 5 });
    expect(audit.items[0]?.data).toMatchObject({ name: 'City Hospital', assets: 4 });
  });

  it('lists every malformed asset and writes nothing', async () => {
    const res = await create({
      ...school,
      assets: [
        { kind: 'cidr', value: '10.0.0.0/33' },
        { kind: 'domain', value: 'nope' },
        { kind: 'cidr', value: '10.0.0.0/8' },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual([
      'body.assets.0.value',
      'body.assets.1.value',
    ]);
    const overlong = await create({ ...school, name: 'x'.repeat(201), criticality: 'extreme' });
    expect(overlong.statusCode).toBe(400);
    expect(
      overlong
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['body.criticality', 'body.name']);
    const list = await t.request({ method: 'GET', url: '/api/v1/constituencies', headers: admin });
    expect(list.json().items).toEqual([]);
  });

  it('matches IPs, domains, URLs, e-mail addresses and ASNs to their constituency', async () => {
    const c = (await create(hospital)).json();
    for (const value of [
      '198.51.100.77',
      'www.hospital.example',
      'hxxps://portal.hospital[.]example/x',
      'it@hospital.example',
      'AS64500',
    ]) {
      const res = await t.request({
        method: 'GET',
        url: `/api/v1/constituencies/match?value=${encodeURIComponent(value)}`,
        headers: admin,
      });
      expect(res.json().constituency, value).toEqual({
        id: c.id,
        name: 'City Hospital',
        criticality: 'critical',
      });
    }
    const none = await t.request({
      method: 'GET',
      url: '/api/v1/constituencies/match?value=192.0.2.1',
      headers: admin,
    });
    expect(none.json()).toEqual({ constituency: null, matchedBy: null });
  });

  it('refuses a stale update with 409 and the current state; a fresh one bumps the version', async () => {
    const c = (await create(hospital)).json();
    const first = await t.request({
      method: 'PATCH',
      url: `/api/v1/constituencies/${c.id}`,
      headers: admin,
      payload: { version: 1, criticality: 'high' },
    });
    expect(first.json()).toMatchObject({ version: 2, criticality: 'high', assets: c.assets });
    const stale = await t.request({
      method: 'PATCH',
      url: `/api/v1/constituencies/${c.id}`,
      headers: admin,
      payload: { version: 1, name: 'Lost edit' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({
      code: 'stale_version',
      current: { version: 2, criticality: 'high' },
    });
    const after = await t.request({ method: 'GET', url: `/api/v1/constituencies/${c.id}`, headers: admin });
    expect(after.json().name).toBe('City Hospital');
  });

  it('hides constituencies outside a user’s scope: 404, absent from lists and matches', async () => {
    const a = (await create(hospital)).json();
    const b = (await create(school)).json();
    const scoped = await t.userWithRole('handler');
    await t.request({
      method: 'PATCH',
      url: `/api/v1/users/${scoped.id}`,
      headers: admin,
      payload: { scope: { constituencies: [a.id] } },
    });
    const headers = await t.login(scoped.email, 'a-long-enough-password');
    expect(
      (await t.request({ method: 'GET', url: `/api/v1/constituencies/${b.id}`, headers })).statusCode,
    ).toBe(404);
    expect(
      (await t.request({ method: 'GET', url: `/api/v1/constituencies/${a.id}`, headers })).statusCode,
    ).toBe(200);
    const list = await t.request({ method: 'GET', url: '/api/v1/constituencies', headers });
    expect(list.json().items.map((c: { name: string }) => c.name)).toEqual(['City Hospital']);
    const match = await t.request({
      method: 'GET',
      url: '/api/v1/constituencies/match?value=203.0.113.5',
      headers,
    });
    expect(match.json().constituency).toBeNull();
    expect(
      (await t.request({ method: 'POST', url: '/api/v1/constituencies', headers, payload: school }))
        .statusCode,
    ).toBe(403);
  });

  it('picks up changes in the matcher at once, and deletes', async () => {
    const c = (await create(school)).json();
    const before = await t.features.services.constituencies.matchObservables([
      { type: 'ipv4', value: '192.0.2.10' },
    ]);
    expect(before).toBeNull();
    await t.request({
      method: 'PATCH',
      url: `/api/v1/constituencies/${c.id}`,
      headers: admin,
      payload: { version: 1, assets: [{ kind: 'cidr', value: '192.0.2.0/24' }] },
    });
    const after = await t.features.services.constituencies.matchObservables([
      { type: 'ipv4', value: '192.0.2.10' },
    ]);
    expect(after?.constituencyId).toBe(c.id);
    expect(
      (await t.request({ method: 'DELETE', url: `/api/v1/constituencies/${c.id}`, headers: admin }))
        .statusCode,
    ).toBe(204);
    expect(
      await t.features.services.constituencies.matchObservables([{ type: 'ipv4', value: '192.0.2.10' }]),
    ).toBeNull();
  });
});
