import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/test-database.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

describeEachDialect('taxonomy', (dialect) => {
  let t: TestApp;
  let admin: Record<string, string>;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    admin = await t.login();
  });
  afterEach(() => t.close());

  it('is seeded with the ENISA Reference Security Incident Taxonomy', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/taxonomy', headers: admin });
    const items = res.json().items;
    expect(items).toHaveLength(39);
    expect(items).toContainEqual(
      expect.objectContaining({ id: 'fraud/phishing', classLabel: 'Fraud', source: 'rsit' }),
    );
  });

  it('lets admins add their own types, once, and only valid ones', async () => {
    const type = {
      class: 'fraud',
      classLabel: 'Fraud',
      type: 'ceo-fraud',
      typeLabel: 'CEO fraud',
      description: 'Business e-mail compromise',
    };
    const added = await t.request({ method: 'POST', url: '/api/v1/taxonomy', headers: admin, payload: type });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ id: 'fraud/ceo-fraud', source: 'custom' });
    expect(
      (await t.request({ method: 'POST', url: '/api/v1/taxonomy', headers: admin, payload: type }))
        .statusCode,
    ).toBe(409);
    const bad = await t.request({
      method: 'POST',
      url: '/api/v1/taxonomy',
      headers: admin,
      payload: { ...type, type: 'CEO Fraud!' },
    });
    expect(bad.statusCode).toBe(400);
    const handler = await t.userWithRole('handler');
    expect(
      (
        await t.request({
          method: 'POST',
          url: '/api/v1/taxonomy',
          headers: handler.headers,
          payload: { ...type, type: 'x' },
        })
      ).statusCode,
    ).toBe(403);
  });
});
