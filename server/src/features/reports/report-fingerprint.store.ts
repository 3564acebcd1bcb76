import { sql } from 'kysely';
import type { Queryable } from '../../platform/db/database.ts';

/**
 * Counts a sighting at `at` on the report of `source` with this fingerprint whose sightings reach to
 * within `windowSeconds` of it: last seen at most that long before, or first seen at most that long
 * after (events can arrive out of order). Returns that report, or undefined when none is in the window.
 *
 * One UPDATE deciding and counting, so on SQLite the write lock is held before the match is read; on
 * PostgreSQL the caller holds the fingerprint's advisory lock (see `lockKeys`), so no two transactions
 * can both find nothing and both open a report.
 */
export async function repeatByFingerprint(
  q: Queryable,
  sighting: { source: string; fingerprint: string; windowSeconds: number; at: string },
): Promise<{ id: string; constituencyId: string | null } | undefined> {
  const { source, fingerprint, windowSeconds, at } = sighting;
  const t = Date.parse(at);
  // ISO strings in one format compare like the instants they name (SQLite keeps them as text).
  const from = new Date(t - windowSeconds * 1000).toISOString();
  const to = new Date(t + windowSeconds * 1000).toISOString();
  const lastSeen = sql<string>`coalesce(last_seen_at, received_at)`;
  const match = q
    .selectFrom('reports')
    .select('id')
    .where('source', '=', source)
    .where('fingerprint', '=', fingerprint)
    .where(lastSeen, '>=', from)
    .where('received_at', '<=', to)
    .orderBy(lastSeen, 'desc')
    .limit(1);
  const row = await q
    .updateTable('reports')
    .set((eb) => ({
      seen_count: eb('seen_count', '+', 1),
      last_seen_at: eb.case().when(lastSeen, '<', at).then(at).else(eb.ref('last_seen_at')).end(),
    }))
    .where('id', '=', match)
    .returning(['id', 'constituency_id'])
    .executeTakeFirst();
  return row ? { id: row.id, constituencyId: row.constituency_id } : undefined;
}
