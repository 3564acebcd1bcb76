import { afterEach, beforeEach, expect, it } from 'vitest';
import { systemActor } from '../../platform/auth/actor.ts';
import { describeEachDialect } from '../../platform/testing/test-database.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

/**
 * Opens an SSE stream, runs `act` once it is ready, and collects event types until `enough` holds
 * or `ms` pass.
 */
async function streamTypes(
  url: string,
  cookie: string,
  act: () => Promise<void>,
  enough: (types: string[]) => boolean,
  ms = 3000,
) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  const res = await fetch(url, { headers: { cookie }, signal: controller.signal });
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const types: string[] = [];
  let text = '';
  try {
    while (!enough(types)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += value;
      const before = types.length;
      types.splice(0, types.length, ...[...text.matchAll(/^event: (.+)$/gm)].map((m) => m[1]!));
      if (before === 0 && types[0] === 'ready') await act();
    }
  } catch {
    // aborted by the timer: return what arrived
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return types;
}

describeEachDialect('live user changes', (dialect) => {
  let t: TestApp;
  let base: string;
  beforeEach(async () => {
    t = await createTestApp(dialect, { FIREBREAK_EVENTS_HEARTBEAT_SECONDS: '0.2' });
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const address = t.app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterEach(() => t.close());

  it('streams a user change to admins but not to handlers', async () => {
    const watcher = await t.userWithRole('admin');
    const handler = await t.userWithRole('handler');
    const rename = async () =>
      void (await t.features.services.users.update(systemActor('test'), handler.id, {
        name: `Renamed ${Date.now()}`,
      }));

    const adminSees = await streamTypes(`${base}/api/v1/events`, watcher.headers.cookie!, rename, (types) =>
      types.includes('user.changed'),
    );
    expect(adminSees).toEqual(['ready', 'user.changed']);

    const handlerSees = await streamTypes(
      `${base}/api/v1/events`,
      handler.headers.cookie!,
      rename,
      () => false,
      700,
    );
    expect(handlerSees).toEqual(['ready']);
  });

  it('ends the stream when its session ends', async () => {
    const handler = await t.userWithRole('handler');
    const res = await fetch(`${base}/api/v1/events`, { headers: { cookie: handler.headers.cookie! } });
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    expect((await reader.read()).value).toContain('event: ready');
    const logout = await t.request({ method: 'DELETE', url: '/api/v1/session', headers: handler.headers });
    expect(logout.statusCode).toBe(204);
    const ended = await Promise.race([
      (async () => {
        while (!(await reader.read()).done);
        return 'ended';
      })(),
      new Promise((resolve) => setTimeout(() => resolve('still open'), 3000)),
    ]);
    expect(ended).toBe('ended');
  });

  it('refuses the stream without a session', async () => {
    const res = await fetch(`${base}/api/v1/events`);
    expect(res.status).toBe(401);
  });
});
