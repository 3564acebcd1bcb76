import { sql } from 'kysely';
import { columnTypes, type FirebreakMigration } from '../platform/db/migration.ts';

export const migration: FirebreakMigration = {
  async up(db, dialect) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable('jobs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('run_at', t.timestamp, (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('max_attempts', 'integer', (c) => c.notNull())
      .addColumn('lease_owner', 'text')
      .addColumn('lease_until', t.timestamp)
      .addColumn('last_error', 'text')
      .addColumn('dedupe_key', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('finished_at', t.timestamp)
      .execute();
    await db.schema.createIndex('jobs_ready_idx').on('jobs').columns(['status', 'run_at']).execute();
    // One unfinished job per de-duplication key (a partial unique index works on both dialects).
    await db.schema
      .createIndex('jobs_dedupe_key_idx')
      .on('jobs')
      .column('dedupe_key')
      .unique()
      .where(sql<boolean>`dedupe_key IS NOT NULL AND status IN ('queued', 'running')`)
      .execute();

    await db.schema
      .createTable('job_schedules')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('cron', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('next_run_at', t.timestamp, (c) => c.notNull())
      .addColumn('last_run_at', t.timestamp)
      .execute();
  },

  async down(db) {
    await db.schema.dropTable('job_schedules').execute();
    await db.schema.dropTable('jobs').execute();
  },
};
