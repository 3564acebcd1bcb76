import { afterEach, beforeEach, expect, it } from 'vitest';
import { ADMIN, createTestApp, type TestApp } from '../../testing/test-app.ts';
import { describeEachDialect } from '../../platform/testing/test-database.ts';

describeEachDialect('sessions', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect, { FIREBREAK_LOGIN_ATTEMPTS_PER_MINUTE: '5' });
  });
  afterEach(() => t.close());

  it('signs in with a cookie, answers /me, and signs out', async () => {
    const res = await t.request({ method: 'POST', url: '/api/v1/session', payload: ADMIN });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'fb_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    const body = res.json();
    expect(body.user).toMatchObject({ email: ADMIN.email, role: 'admin' });
    expect(body.user.passwordHash).toBeUndefined();

    const headers = { cookie: `fb_session=${cookie!.value}`, 'x-csrf-token': body.csrfToken };
    const me = await t.request({ method: 'GET', url: '/api/v1/me', headers: { cookie: headers.cookie } });
    expect(me.json()).toMatchObject({ user: { email: ADMIN.email }, via: 'session' });

    expect((await t.request({ method: 'DELETE', url: '/api/v1/session', headers })).statusCode).toBe(204);
    expect((await t.request({ method: 'GET', url: '/api/v1/me', headers })).statusCode).toBe(401);
  });

  it('refuses a wrong password with 401 problem+json and audits the attempt', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email: ADMIN.email, password: 'wrong' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 401, code: 'unauthenticated' });
    const audit = await t.runtime.audit.list({ action: 'session.failed', limit: 10 });
    expect(audit.items[0]?.data).toMatchObject({ email: ADMIN.email });
  });

  it('rate-limits sign-in attempts per address and account', async () => {
    const attempt = () =>
      t.request({
        method: 'POST',
        url: '/api/v1/session',
        payload: { email: ADMIN.email, password: 'wrong' },
      });
    for (let i = 0; i < 5; i++) expect((await attempt()).statusCode).toBe(401);
    const limited = await attempt();
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ code: 'too_many_login_attempts' });
  });

  it('demands the CSRF token on unsafe requests made with the cookie', async () => {
    const headers = await t.login();
    const withoutToken = await t.request({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { cookie: headers.cookie },
      payload: { name: 'x' },
    });
    expect(withoutToken.statusCode).toBe(403);
    expect(withoutToken.json()).toMatchObject({ code: 'csrf_token_invalid' });
    const withToken = await t.request({
      method: 'POST',
      url: '/api/v1/tokens',
      headers,
      payload: { name: 'x' },
    });
    expect(withToken.statusCode).toBe(201);
  });

  it('answers 401 without credentials, 404 for unknown routes, 400 for malformed JSON, all without stacks', async () => {
    const none = await t.request({ method: 'GET', url: '/api/v1/me' });
    expect(none.statusCode).toBe(401);
    const missing = await t.request({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'route_not_found' });
    // A browser at a server started without `npm start` learns why there is no page.
    const page = await t.request({ method: 'GET', url: '/', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(404);
    expect(page.json()).toMatchObject({
      code: 'route_not_found',
      detail: expect.stringContaining('build:web'),
    });
    const malformed = await t.request({
      method: 'POST',
      url: '/api/v1/session',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": ',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers['content-type']).toContain('application/problem+json');
    expect(malformed.body).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it('answers 400 for a JSON body holding a NUL, which PostgreSQL text cannot store', async () => {
    const admin = await t.login();
    const post = (payload: string) =>
      t.request({
        method: 'POST',
        url: '/api/v1/incidents',
        headers: { ...admin, 'content-type': 'application/json' },
        payload,
      });
    const nul = await post('{"title": "Phishing\\u0000 wave"}');
    expect(nul.statusCode).toBe(400);
    expect(nul.json()).toMatchObject({
      code: 'nul_character',
      errors: [{ path: 'body', message: expect.stringContaining('NUL') }],
    });
    // An escaped backslash before "u0000" is text, not a NUL.
    const text = await post('{"title": "C:\\\\u0000 wave"}');
    expect(text.statusCode).toBe(201);
    expect(text.json().title).toBe('C:\\u0000 wave');
  });
});
