import { sql } from 'kysely';
import { columnTypes, type FirebreakMigration } from '../platform/db/migration.ts';

/**
 * The defaults: one Suricata report per signature between the same two hosts, one Wazuh report per
 * rule on the same agent, each while the alerts keep coming at most an hour apart.
 */
const defaults = [
  { source: 'suricata', fields: ['alert.signature_id', 'src_ip', 'dest_ip'], window_seconds: 3600 },
  { source: 'wazuh', fields: ['rule.id', 'agent.id'], window_seconds: 3600 },
];

export const migration: FirebreakMigration = {
  async up(db, dialect) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable('fingerprint_rules')
      .addColumn('source', 'text', (c) => c.primaryKey())
      .addColumn('fields', 'text', (c) => c.notNull())
      .addColumn('window_seconds', 'integer', (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .execute();
    const at = new Date().toISOString();
    await db
      .insertInto('fingerprint_rules')
      .values(
        defaults.map((d) => ({
          ...d,
          fields: JSON.stringify(d.fields),
          updated_at: at,
          updated_by: 'system:defaults',
        })),
      )
      .execute();
    // A repeat of a fingerprint is counted on the report that holds it (see reports/report-feed.service.ts).
    await db.schema.alterTable('reports').addColumn('fingerprint', 'text').execute();
    await db.schema
      .createIndex('reports_fingerprint_idx')
      .on('reports')
      .columns(['source', 'fingerprint'])
      .where(sql.ref('fingerprint'), 'is not', null)
      .execute();
  },

  async down(db) {
    await db.schema.dropIndex('reports_fingerprint_idx').execute();
    await db.schema.alterTable('reports').dropColumn('fingerprint').execute();
    await db.schema.dropTable('fingerprint_rules').execute();
  },
};
