import { columnTypes, type FirebreakMigration } from '../platform/db/migration.ts';

export const migration: FirebreakMigration = {
  async up(db, dialect) {
    const t = columnTypes(dialect);
    // Observables a handler keeps on the incident itself (features/observables); those of its linked
    // reports stay in report_observables and are merged in when read.
    await db.schema
      .createTable('incident_observables')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      // JSON array of tags.
      .addColumn('tags', 'text', (c) => c.notNull())
      .addColumn('ioc', 'integer', (c) => c.notNull())
      .addColumn('tlp', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('added_by', 'text', (c) => c.notNull())
      .addColumn('added_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addUniqueConstraint('incident_observables_value_unique', ['incident_id', 'type', 'value'])
      .execute();
    // Sightings look an observable up across incidents.
    await db.schema
      .createIndex('incident_observables_type_value')
      .on('incident_observables')
      .columns(['type', 'value'])
      .execute();

    // Locally held blocklists an admin uploads; entries are normalised observables.
    await db.schema
      .createTable('observable_blocklists')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('entry_count', 'integer', (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('observable_blocklist_entries')
      .addColumn('list_id', 'text', (c) =>
        c.notNull().references('observable_blocklists.id').onDelete('cascade'),
      )
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      // IPs and netblocks as a range of fixed-width hex (IPv4 mapped into IPv6): membership is an
      // index lookup of the address's network starts, the same on both dialects, with no list in memory.
      .addColumn('range_start', 'text')
      .addColumn('range_end', 'text')
      .addPrimaryKeyConstraint('observable_blocklist_entries_pk', ['list_id', 'type', 'value'])
      .execute();
    await db.schema
      .createIndex('observable_blocklist_entries_value')
      .on('observable_blocklist_entries')
      .columns(['type', 'value'])
      .execute();
    await db.schema
      .createIndex('observable_blocklist_entries_range')
      .on('observable_blocklist_entries')
      .columns(['range_start', 'range_end'])
      .execute();

    // Analyzer results per incident, observable and reader scope (what correlation may name depends
    // on who asks), with when they were made, so a cached verdict shows its age.
    await db.schema
      .createTable('observable_enrichments')
      .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('analyzer', 'text', (c) => c.notNull())
      .addColumn('scope_key', 'text', (c) => c.notNull())
      .addColumn('verdict', 'text', (c) => c.notNull())
      .addColumn('summary', 'text', (c) => c.notNull())
      .addColumn('details', 'text', (c) => c.notNull())
      .addColumn('analyzed_at', t.timestamp, (c) => c.notNull())
      .addColumn('expires_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('observable_enrichments_pk', [
        'incident_id',
        'type',
        'value',
        'analyzer',
        'scope_key',
      ])
      .execute();
  },

  async down(db) {
    await db.schema.dropTable('observable_enrichments').execute();
    await db.schema.dropTable('observable_blocklist_entries').execute();
    await db.schema.dropTable('observable_blocklists').execute();
    await db.schema.dropTable('incident_observables').execute();
  },
};
