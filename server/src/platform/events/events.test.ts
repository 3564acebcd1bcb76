import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { systemActor, type Actor } from '../auth/actor.ts';
import { openDatabase, type DatabaseHandle } from '../db/database.ts';
import { transaction } from '../db/transaction.ts';
import { closeHandles } from '../jobs/testing/close-handles.ts';
import { createLogger } from '../log/logger.ts';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../testing/test-database.ts';
import { visibleTo, type BusEvent, type EventBus } from './event-bus.ts';
import { EVENTS_RESYNC, openEventBus } from './index.ts';

const log = createLogger('silent');
const settle = () => new Promise((r) => setTimeout(r, 150));

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describeEachDialect('live events', (dialect) => {
  let db: TestDatabase;
  const buses: EventBus[] = [];
  const handles: DatabaseHandle[] = [];
  beforeEach(async () => {
    db = await createTestDatabase(dialect);
  });
  afterEach(async () => {
    for (const b of buses.splice(0)) await b.close();
    await closeHandles([...handles.splice(0), db], db.databaseUrl);
    await db.drop();
  });

  async function bus(handle: DatabaseHandle = db): Promise<EventBus> {
    const b = await openEventBus(handle, log);
    buses.push(b);
    return b;
  }

  async function secondNode(): Promise<DatabaseHandle> {
    const other = await openDatabase({ dataDir: db.dataDir, databaseUrl: db.databaseUrl });
    handles.push(other);
    return other;
  }

  const listeners = async () => {
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM pg_stat_activity
      WHERE application_name = 'firebreak-events' AND datname = current_database()`.execute(db.db);
    return rows[0]?.n;
  };

  it('delivers each published event exactly once to each subscriber, and stops after unsubscribe', async () => {
    const b = await bus();
    const first: BusEvent[] = [];
    const second: BusEvent[] = [];
    const off = b.subscribe((e) => first.push(e));
    b.subscribe((e) => second.push(e));
    await b.publish({ type: 'user.updated', data: { id: 'u1' } });
    await until(() => first.length === 1 && second.length === 1);
    await settle();
    expect(first).toHaveLength(1);
    expect(second).toHaveLength(1);
    expect(first[0]).toMatchObject({ type: 'user.updated', data: { id: 'u1' } });
    expect(first[0]?.id).toEqual(expect.any(String));
    off();
    await b.publish({ type: 'user.updated', data: { id: 'u2' } });
    await until(() => second.length === 2);
    await settle();
    expect(first).toHaveLength(1);
  });

  it('publishes after commit, and nothing for a rolled-back change', async () => {
    const b = await bus();
    const got: BusEvent[] = [];
    b.subscribe((e) => got.push(e));
    const change = (fail: boolean) =>
      transaction(db.db, async (_tx, onCommit) => {
        onCommit(() => b.publish({ type: 'incident.changed', data: { fail } }));
        if (fail) throw new Error('rolled back');
      });
    await expect(change(true)).rejects.toThrow('rolled back');
    await change(false);
    await settle();
    expect(got.map((e) => e.data)).toEqual([{ fail: false }]);
  });

  it('stops delivering once closed', async () => {
    const b = await bus();
    const got: BusEvent[] = [];
    b.subscribe((e) => got.push(e));
    await b.close();
    await b.publish({ type: 'user.updated', data: {} });
    if (dialect === 'postgres') {
      await (await bus(await secondNode())).publish({ type: 'user.updated', data: {} });
      expect(await listeners()).toBe(1); // the second node's, not the closed bus's
    }
    await settle();
    expect(got).toEqual([]);
  });

  it.runIf(dialect === 'postgres')(
    'reaches another node through LISTEN/NOTIFY, large events there without their data',
    async () => {
      const a = await bus();
      const b = await bus(await secondNode());
      const onA: BusEvent[] = [];
      const onB: BusEvent[] = [];
      a.subscribe((e) => onA.push(e));
      b.subscribe((e) => onB.push(e));
      await a.publish({ type: 'incident.changed', data: { key: 'FB-2026-00001' } });
      await a.publish({ type: 'incident.changed', data: { blob: 'x'.repeat(10_000) } });
      await until(() => onB.length === 2);
      await settle();
      expect(onB.map((e) => e.data)).toEqual([{ key: 'FB-2026-00001' }, { truncated: true }]);
      expect(onA.map((e) => e.data)).toEqual([{ key: 'FB-2026-00001' }, { blob: 'x'.repeat(10_000) }]);
      expect(onB.map((e) => e.id)).toEqual(onA.map((e) => e.id));
    },
  );

  it.runIf(dialect === 'postgres')(
    'reconnects after losing its connection, and tells subscribers to resync',
    async () => {
      const a = await bus();
      const b = await bus(await secondNode());
      const onA: BusEvent[] = [];
      const onB: BusEvent[] = [];
      a.subscribe((e) => onA.push(e));
      b.subscribe((e) => onB.push(e));
      const resynced = (got: BusEvent[]) => got.filter((e) => e.type === EVENTS_RESYNC).length === 1;
      await sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE application_name = 'firebreak-events' AND datname = current_database()`.execute(db.db);
      await until(() => resynced(onA) && resynced(onB));
      await a.publish({ type: 'incident.changed', data: { after: 'reconnect' } });
      await until(() => onB.some((e) => e.type === 'incident.changed'));
      expect(await listeners()).toBe(2);
    },
  );

  it.runIf(dialect === 'postgres')('never rejects a publish, even with the database gone', async () => {
    const other = await secondNode();
    const b = await bus(other);
    const got: BusEvent[] = [];
    b.subscribe((e) => got.push(e));
    await other.close();
    await expect(b.publish({ type: 'user.updated', data: {} })).resolves.toBeUndefined();
    expect(got).toHaveLength(1); // this node's subscribers still hear it
  });
});

it('filters events by audience: user, role and constituency scope', () => {
  const handler: Actor = {
    kind: 'user',
    id: 'h1',
    label: 'h@x',
    role: 'handler',
    scope: { constituencies: ['c1'], tlpCeiling: 'amber' },
    via: 'session',
  };
  expect(visibleTo(handler, undefined)).toBe(true);
  expect(visibleTo(handler, { userIds: ['h1'] })).toBe(true);
  expect(visibleTo(handler, { userIds: ['h2'] })).toBe(false);
  expect(visibleTo(handler, { minRole: 'admin' })).toBe(false);
  expect(visibleTo(handler, { constituencyId: 'c1' })).toBe(true);
  expect(visibleTo(handler, { constituencyId: 'c2' })).toBe(false);
  expect(visibleTo(handler, { constituencyId: null })).toBe(false);
  expect(visibleTo(systemActor('x'), { constituencyId: 'c2', minRole: 'admin' })).toBe(true);
});
