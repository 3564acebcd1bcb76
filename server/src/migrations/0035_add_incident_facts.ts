import { sql } from 'kysely';
import type { FirebreakMigration } from '../platform/db/migration.ts';

// Timeline changes of a reopening (closed → open phase), as the incidents feature writes them today.
const REOPENS = ['closed', 'post_analysis_done'].flatMap((before) =>
  ['triage', 'response', 'eradication', 'recovery'].map((after) => JSON.stringify({ before, after })),
);

/**
 * What the quality dashboards group and count by, kept on the incident instead of being derived from
 * classifications, assignees and the timeline on every request: the current class (latest
 * classification), the current handler (the lead, else the first handler) and how often it was
 * reopened. The incidents feature keeps them current; this fills them for the incidents that exist.
 */
export const migration: FirebreakMigration = {
  async up(db) {
    await db.schema.alterTable('incidents').addColumn('current_class', 'text').execute();
    await db.schema.alterTable('incidents').addColumn('current_handler_id', 'text').execute();
    await db.schema
      .alterTable('incidents')
      .addColumn('reopen_count', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await sql`UPDATE incidents SET
      current_class = (SELECT tt.class FROM incident_classifications ic
        JOIN taxonomy_types tt ON tt.id = ic.type_id
        WHERE ic.incident_id = incidents.id ORDER BY ic.at DESC, ic.id DESC LIMIT 1),
      current_handler_id = (SELECT ia.user_id FROM incident_assignees ia
        WHERE ia.incident_id = incidents.id
        ORDER BY CASE WHEN ia.role = 'lead' THEN 0 ELSE 1 END, ia.assigned_at, ia.user_id LIMIT 1),
      reopen_count = (SELECT count(*) FROM incident_timeline t
        WHERE t.incident_id = incidents.id AND t.kind = 'phase_changed'
          AND t.change IN (${sql.join(REOPENS)}))`.execute(db);
    // Covers the dashboards' open-incident counts (phase, priority, age band under the scope and
    // class filters): read from the index alone, not from every open incident's row.
    await db.schema
      .createIndex('incidents_dashboard_open_idx')
      .on('incidents')
      .columns([
        'phase',
        'priority',
        'tlp',
        'merged_into_id',
        'constituency_id',
        'current_class',
        'created_at',
      ])
      .execute();
  },

  async down(db) {
    await db.schema.dropIndex('incidents_dashboard_open_idx').execute();
    await db.schema.alterTable('incidents').dropColumn('reopen_count').execute();
    await db.schema.alterTable('incidents').dropColumn('current_handler_id').execute();
    await db.schema.alterTable('incidents').dropColumn('current_class').execute();
  },
};
