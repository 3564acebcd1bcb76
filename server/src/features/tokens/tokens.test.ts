import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { describeEachDialect } from '../../platform/testing/test-database.ts';

describeEachDialect('api tokens', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect);
  });
  afterEach(() => t.close());

  it('creates a token shown once, hashed at rest, usable as Bearer, and revocable', async () => {
    const handler = await t.userWithRole('handler');
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: handler.headers,
      payload: { name: 'siem' },
    });
    expect(res.statusCode).toBe(201);
    const { token, secret } = res.json();
    expect(secret).toMatch(/^fbt_/);
    const stored = await t.db.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('id', '=', token.id)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(secret);
    expect(JSON.stringify(stored)).not.toContain(secret.slice(12));

    const bearer = { authorization: `Bearer ${secret}` };
    const me = await t.request({ method: 'GET', url: '/api/v1/me', headers: bearer });
    expect(me.json()).toMatchObject({ via: 'token', csrfToken: null, user: { email: handler.email } });
    // Bearer requests need no CSRF token: no browser sends them on its own.
    expect(
      (
        await t.request({
          method: 'POST',
          url: '/api/v1/tokens',
          headers: bearer,
          payload: { name: 'other' },
        })
      ).statusCode,
    ).toBe(201);

    const list = await t.request({ method: 'GET', url: '/api/v1/tokens', headers: handler.headers });
    expect(list.json().items).toHaveLength(2);
    expect(JSON.stringify(list.json())).not.toContain(secret);

    expect(
      (await t.request({ method: 'DELETE', url: `/api/v1/tokens/${token.id}`, headers: handler.headers }))
        .statusCode,
    ).toBe(204);
    expect((await t.request({ method: 'GET', url: '/api/v1/me', headers: bearer })).statusCode).toBe(401);
  });

  it('stops a token at once when its user is disabled or loses a role, though tokens are cached', async () => {
    const admin = await t.login();
    const handler = await t.userWithRole('handler');
    const { secret } = (
      await t.request({
        method: 'POST',
        url: '/api/v1/tokens',
        headers: handler.headers,
        payload: { name: 's' },
      })
    ).json();
    const bearer = { authorization: `Bearer ${secret}` };
    const me = () => t.request({ method: 'GET', url: '/api/v1/me', headers: bearer });
    expect((await me()).json()).toMatchObject({ user: { role: 'handler' } });
    const patch = (payload: object) =>
      t.request({ method: 'PATCH', url: `/api/v1/users/${handler.id}`, headers: admin, payload });
    await patch({ role: 'viewer' });
    expect((await me()).json()).toMatchObject({ user: { role: 'viewer' } });
    await patch({ disabled: true });
    expect((await me()).statusCode).toBe(401);
  });

  it("hides other users' tokens (404) from non-admins", async () => {
    const a = await t.userWithRole('handler');
    const b = await t.userWithRole('handler');
    const { token } = (
      await t.request({ method: 'POST', url: '/api/v1/tokens', headers: a.headers, payload: { name: 'a' } })
    ).json();
    expect(
      (await t.request({ method: 'DELETE', url: `/api/v1/tokens/${token.id}`, headers: b.headers }))
        .statusCode,
    ).toBe(404);
    expect(
      (await t.request({ method: 'GET', url: `/api/v1/tokens?userId=${a.id}`, headers: b.headers }))
        .statusCode,
    ).toBe(403);
  });
});
