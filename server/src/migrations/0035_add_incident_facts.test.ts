import { Migrator, sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { StaticMigrationProvider } from '../platform/db/migration.ts';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../platform/testing/test-database.ts';
import { migrations } from './index.ts';

describeEachDialect('migration 0035: incident facts', (dialect) => {
  let handle: TestDatabase | undefined;
  afterEach(async () => handle?.drop());

  it('fills class, handler and reopenings of the incidents that exist', async () => {
    handle = await createTestDatabase(dialect, { migrate: false });
    const migrator = new Migrator({
      db: handle.db,
      provider: new StaticMigrationProvider(migrations, dialect),
      migrationTableName: 'firebreak_migrations',
      migrationLockTableName: 'firebreak_migrations_lock',
    });
    expect((await migrator.migrateTo('0034_add_incident_closed_index')).error).toBeUndefined();
    const { db } = handle;
    const at = (minute: number) => new Date(Date.UTC(2026, 2, 1, 12, minute)).toISOString();
    const incident = (id: string) => ({
      id,
      key: `FB-2026-0000${id}`,
      title: id,
      summary: '',
      phase: 'response',
      tlp: 'green',
      pap: 'green',
      created_by: 'test',
      created_at: at(0),
      updated_at: at(0),
      version: 1,
    });
    await db
      .insertInto('incidents')
      .values([incident('1'), incident('2')])
      .execute();
    // The schema as of 0034, not today's types: plain SQL with the columns that have no default.
    for (const id of ['u-early', 'u-lead', 'u-late', 'u-first'])
      await sql`INSERT INTO users (id, email, name, role, password_hash, created_at, updated_at)
        VALUES (${id}, ${`${id}@example.test`}, ${id}, 'handler', '!', ${at(0)}, ${at(0)})`.execute(db);
    await db
      .insertInto('incident_classifications')
      .values([
        {
          id: 'c1',
          incident_id: '1',
          stage: 'initial',
          type_id: 'fraud/phishing',
          note: '',
          actor: 't',
          at: at(1),
        },
        {
          id: 'c2',
          incident_id: '1',
          stage: 'resolution',
          type_id: 'malicious-code/infected-system',
          note: '',
          actor: 't',
          at: at(2),
        },
      ])
      .execute();
    await db
      .insertInto('incident_assignees')
      .values([
        { incident_id: '1', user_id: 'u-early', role: 'handler', assigned_by: 't', assigned_at: at(1) },
        { incident_id: '1', user_id: 'u-lead', role: 'lead', assigned_by: 't', assigned_at: at(3) },
        { incident_id: '2', user_id: 'u-late', role: 'handler', assigned_by: 't', assigned_at: at(5) },
        { incident_id: '2', user_id: 'u-first', role: 'handler', assigned_by: 't', assigned_at: at(4) },
      ])
      .execute();
    const phase = (id: string, incidentId: string, before: string, after: string) => ({
      id,
      incident_id: incidentId,
      at: at(6),
      actor: 't',
      kind: 'phase_changed',
      text: '',
      change: JSON.stringify({ before, after }),
      event_time: null,
      discovery_time: null,
    });
    await db
      .insertInto('incident_timeline')
      .values([
        phase('t1', '1', 'triage', 'response'),
        phase('t2', '2', 'closed', 'response'),
        phase('t3', '2', 'post_analysis_done', 'triage'),
        phase('t4', '2', 'closed', 'post_analysis_done'),
      ])
      .execute();

    expect((await migrator.migrateTo('0035_add_incident_facts')).error).toBeUndefined();
    const rows = await db
      .selectFrom('incidents')
      .select(['id', 'current_class', 'current_handler_id', 'reopen_count'])
      .orderBy('id')
      .execute();
    expect(rows.map((r) => ({ ...r, reopen_count: Number(r.reopen_count) }))).toEqual([
      { id: '1', current_class: 'malicious-code', current_handler_id: 'u-lead', reopen_count: 0 },
      { id: '2', current_class: null, current_handler_id: 'u-first', reopen_count: 2 },
    ]);
  });
});
