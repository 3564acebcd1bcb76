import type { FirebreakMigration } from '../platform/db/migration.ts';

/**
 * The default rule of the Zeek intake: one report per notice between the same two hosts (`note`,
 * `src`, `dst`), and per intel indicator seen by the same host (`seen.indicator`, `id.orig_h`; a
 * notice's `id.orig_h` is mostly its `src`), while they keep coming at most an hour apart.
 */
export const migration: FirebreakMigration = {
  async up(db) {
    await db
      .insertInto('fingerprint_rules')
      .values({
        source: 'zeek',
        fields: JSON.stringify(['note', 'src', 'dst', 'seen.indicator', 'id.orig_h']),
        window_seconds: 3600,
        updated_at: new Date().toISOString(),
        updated_by: 'system:defaults',
      })
      .onConflict((c) => c.column('source').doNothing())
      .execute();
  },

  async down(db) {
    await db.deleteFrom('fingerprint_rules').where('source', '=', 'zeek').execute();
  },
};
