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
    // Open incidents only (closed_at is set exactly while closed): the triage queue reads them by
    // priority then response due time, and the SLA job scans them every minute, so neither walks
    // the closed archive.
    await db.schema
      .createIndex('incidents_sla_queue_idx')
      .on('incidents')
      .columns(['priority', 'response_due_at'])
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
