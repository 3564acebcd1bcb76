import type { FirebreakMigration } from '../platform/db/migration.ts';

export const migration: FirebreakMigration = {
  async up(db) {
    // The sender's estimate (a monitoring tool's alert level); null when the report carries none.
    await db.schema.alterTable('reports').addColumn('severity', 'text').execute();
    // `sent` when the sender listed the observable (an alert's artifact), `extracted` when found in the text.
    await db.schema
      .alterTable('report_observables')
      .addColumn('origin', 'text', (c) => c.notNull().defaultTo('extracted'))
      .execute();
  },

  async down(db) {
    await db.schema.alterTable('report_observables').dropColumn('origin').execute();
    await db.schema.alterTable('reports').dropColumn('severity').execute();
  },
};
