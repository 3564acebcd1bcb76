import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { systemActor } from '../auth/actor.ts';
import { createDataKeys } from '../crypto/data-keys.ts';
import { createSearchIndex } from '../search/search-index.ts';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../testing/test-database.ts';
import { createAuditLog, type AuditLog } from './audit-log.ts';

describeEachDialect('audit log', (dialect) => {
  let db: TestDatabase;
  let audit: AuditLog;
  beforeEach(async () => {
    db = await createTestDatabase(dialect);
    audit = createAuditLog(db, createSearchIndex(dialect));
    for (let i = 1; i <= 5; i++) {
      await db.db.transaction().execute((tx) =>
        audit.record(tx, systemActor('test'), {
          action: `thing.changed`,
          targetType: 'thing',
          targetId: `t${i}`,
          data: { n: i, note: `entry number ${i}` },
        }),
      );
    }
  });
  afterEach(() => db.drop());

  it('chains entries and verifies an untouched log', async () => {
    expect(await audit.verify()).toEqual({ ok: true, checked: 5, firstBad: null });
  });

  it('names the first altered entry', async () => {
    await sql`UPDATE audit_events SET data = ${JSON.stringify({ n: 3, note: 'rewritten' })} WHERE seq = 3`.execute(
      db.db,
    );
    expect(await audit.verify()).toMatchObject({
      ok: false,
      checked: 2,
      firstBad: { seq: 3, reason: 'entry 3 was altered' },
    });
  });

  it('names a deleted entry', async () => {
    await sql`DELETE FROM audit_events WHERE seq = 2`.execute(db.db);
    expect((await audit.verify()).firstBad).toEqual({ seq: 2, reason: 'entry 2 is missing (deleted)' });
  });

  it('names an inserted entry', async () => {
    // A forged entry slipped in at the end, between 5 and whatever comes next.
    const forged = {
      seq: 6,
      at: new Date().toISOString(),
      actor_id: null,
      actor_label: 'mallory',
      action: 'c',
      target_type: 't',
      target_id: null,
      data: '{}',
      prev_hash: 'f'.repeat(64),
      hash: 'e'.repeat(64),
    };
    await db.db.insertInto('audit_events').values(forged).execute();
    expect((await audit.verify()).firstBad).toEqual({
      seq: 6,
      reason: 'entry 6 does not follow entry 5 (inserted or re-chained)',
    });
  });

  it('lists newest first, filters, pages and searches', async () => {
    const page = await audit.list({ limit: 2 });
    expect(page.items.map((e) => e.seq)).toEqual([5, 4]);
    expect(page.nextBefore).toBe(4);
    const next = await audit.list({ limit: 10, before: 4 });
    expect(next.items.map((e) => e.seq)).toEqual([3, 2, 1]);
    const found = await audit.list({ q: 't4', limit: 10 });
    expect(found.items.map((e) => e.targetId)).toEqual(['t4']);
  });

  it('seals details under a data key: readable while it lives, gone once shredded, chain intact', async () => {
    const keys = createDataKeys({ db: db.db, masterKey: randomBytes(32), now: () => new Date() });
    const sealing = createAuditLog(db, createSearchIndex(dialect), { keys });
    const keyId = await keys.forPurpose('incident:i-1');
    await db.db.transaction().execute(async (tx) =>
      sealing.record(tx, systemActor('test'), {
        action: 'incident.opened',
        targetType: 'incident',
        targetId: 'FB-1',
        data: { text: 'Opened: numbatscare at the clinic' },
        sealWith: { keyId, key: await keys.unwrap(keyId, tx) },
      }),
    );
    const stored = await db.db
      .selectFrom('audit_events')
      .select('data')
      .where('seq', '=', 6)
      .executeTakeFirstOrThrow();
    expect(stored.data).not.toContain('numbatscare');
    expect((await sealing.list({ q: 'numbatscare', limit: 10 })).items).toEqual([]);
    expect((await sealing.list({ targetId: 'FB-1', limit: 10 })).items).toMatchObject([
      { sealed: 'open', data: { text: 'Opened: numbatscare at the clinic' } },
    ]);

    await keys.destroy(keyId);
    expect((await sealing.list({ targetId: 'FB-1', limit: 10 })).items).toMatchObject([
      { action: 'incident.opened', sealed: 'shredded', data: {} },
    ]);
    expect(await sealing.verify()).toEqual({ ok: true, checked: 6, firstBad: null });
  });
});
