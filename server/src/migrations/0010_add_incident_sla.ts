import { sql } from 'kysely';
import { columnTypes, type FirebreakMigration } from '../platform/db/migration.ts';

const COLUMNS = [
  'response_warn_at',
  'response_due_at',
  'resolution_warn_at',
  'resolution_due_at',
  'responded_at',
  'response_warned_at',
  'resolution_warned_at',
  'response_breached_at',
  'resolution_breached_at',
] as const;

export const migration: FirebreakMigration = {
  async up(db, dialect) {
    const t = columnTypes(dialect);
    // One column per statement: SQLite's ALTER TABLE adds only one at a time.
    for (const column of COLUMNS)
      await db.schema.alterTable('incidents').addColumn(column, t.timestamp).execute();
    // Open incidents only (closed_at is set exactly while closed), in the triage queue's order:
    // priority, then the clock that runs out next (the ORDER BY of sort=queue, word for word).
    await db.schema
      .createIndex('incidents_sla_queue_idx')
      .on('incidents')
      .columns(['priority'])
      .expression(sql`(case when responded_at is null then response_due_at else resolution_due_at end)`)
      .where(sql.ref('closed_at'), 'is', null)
      .execute();
  },

  async down(db) {
    // SQLite cannot drop an indexed column.
    await db.schema.dropIndex('incidents_sla_queue_idx').execute();
    for (const column of [...COLUMNS].reverse())
      await db.schema.alterTable('incidents').dropColumn(column).execute();
  },
};
