import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { describeEachDialect } from '../../platform/testing/test-database.ts';

describeEachDialect('users', (dialect) => {
  let t: TestApp;
  let admin: Record<string, string>;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    admin = await t.login();
  });
  afterEach(() => t.close());

  const newUser = {
    email: 'Handler.One@Example.test',
    name: 'Handler One',
    role: 'handler',
    password: 'long-enough-password',
  };

  it('lets an admin create a user, audited in the same transaction', async () => {
    const res = await t.request({ method: 'POST', url: '/api/v1/users', headers: admin, payload: newUser });
    expect(res.statusCode).toBe(201);
    const user = res.json();
    expect(user).toMatchObject({
      email: 'handler.one@example.test',
      role: 'handler',
      disabled: false,
      scope: { constituencies: null, tlpCeiling: 'red' },
    });
    const audit = await t.runtime.audit.list({ action: 'user.created', targetId: user.id, limit: 5 });
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0]).toMatchObject({
      actorLabel: 'admin@example.test',
      data: { email: 'handler.one@example.test' },
    });
    const again = await t.request({ method: 'POST', url: '/api/v1/users', headers: admin, payload: newUser });
    expect(again.statusCode).toBe(409);
  });

  it('lists every validation problem at once and writes nothing', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin,
      payload: { email: 'not-an-email', role: 'boss', password: 'short' },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('validation_failed');
    expect(body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'body.email',
      'body.name',
      'body.password',
      'body.role',
    ]);
    const users = await t.request({ method: 'GET', url: '/api/v1/users', headers: admin });
    expect(users.json().items).toHaveLength(1);
  });

  it('forbids non-admins (403) and keeps the last admin', async () => {
    const handler = await t.userWithRole('handler');
    expect(
      (await t.request({ method: 'GET', url: '/api/v1/users', headers: handler.headers })).statusCode,
    ).toBe(403);
    const me = (await t.request({ method: 'GET', url: '/api/v1/me', headers: admin })).json();
    const demote = await t.request({
      method: 'PATCH',
      url: `/api/v1/users/${me.user.id}`,
      headers: admin,
      payload: { role: 'viewer' },
    });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().code).toBe('last_admin');
  });

  it('disabling a user ends their sessions; a reset password works', async () => {
    const handler = await t.userWithRole('handler');
    const off = await t.request({
      method: 'PATCH',
      url: `/api/v1/users/${handler.id}`,
      headers: admin,
      payload: { disabled: true },
    });
    expect(off.json().disabled).toBe(true);
    expect((await t.request({ method: 'GET', url: '/api/v1/me', headers: handler.headers })).statusCode).toBe(
      401,
    );
    await t.request({
      method: 'PATCH',
      url: `/api/v1/users/${handler.id}`,
      headers: admin,
      payload: { disabled: false },
    });
    const reset = await t.request({
      method: 'POST',
      url: `/api/v1/users/${handler.id}/password`,
      headers: admin,
      payload: { password: 'another-long-password' },
    });
    expect(reset.statusCode).toBe(204);
    await expect(t.login(handler.email, 'another-long-password')).resolves.toHaveProperty('cookie');
  });

  it('finds users by full-text search', async () => {
    await t.request({ method: 'POST', url: '/api/v1/users', headers: admin, payload: newUser });
    const found = await t.request({ method: 'GET', url: '/api/v1/users?q=handl', headers: admin });
    expect(found.json().items.map((u: { email: string }) => u.email)).toEqual(['handler.one@example.test']);
    const none = await t.request({ method: 'GET', url: '/api/v1/users?q=nobody', headers: admin });
    expect(none.json().items).toEqual([]);
  });
});
