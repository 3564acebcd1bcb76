import type { FirebreakMigration } from '../platform/db/migration.ts';

/** Dashboards, the activity report and retention select closed incidents by when they were closed. */
export const migration: FirebreakMigration = {
  async up(db) {
    await db.schema.createIndex('incidents_closed_idx').on('incidents').column('closed_at').execute();
  },
  async down(db) {
    await db.schema.dropIndex('incidents_closed_idx').execute();
  },
};
