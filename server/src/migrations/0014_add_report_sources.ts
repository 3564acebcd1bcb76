import { sql } from 'kysely';
import { columnTypes, type FirebreakMigration } from '../platform/db/migration.ts';

export const migration: FirebreakMigration = {
  async up(db, dialect) {
    const t = columnTypes(dialect);
    // Where a report came from (a tool, a mailbox, `manual`) and that source's own id for it.
    await db.schema
      .alterTable('reports')
      .addColumn('source', 'text', (c) => c.notNull().defaultTo('manual'))
      .execute();
    await db.schema.alterTable('reports').addColumn('source_ref', 'text').execute();
    // A repeat of (source, source_ref) is counted on the first report instead of stored again.
    await db.schema
      .alterTable('reports')
      .addColumn('seen_count', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema.alterTable('reports').addColumn('last_seen_at', t.timestamp).execute();
    await db.schema
      .createIndex('reports_source_ref_idx')
      .on('reports')
      .columns(['source', 'source_ref'])
      .unique()
      .where(sql.ref('source_ref'), 'is not', null)
      .execute();
  },

  async down(db) {
    await db.schema.dropIndex('reports_source_ref_idx').execute();
    for (const column of ['last_seen_at', 'seen_count', 'source_ref', 'source'])
      await db.schema.alterTable('reports').dropColumn(column).execute();
  },
};
