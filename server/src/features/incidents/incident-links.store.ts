import type { Queryable } from '../../platform/db/database.ts';
import { refreshIncidentFacts } from './incident-facts.store.ts';

/** SQL for what ties incidents together: relations, and moving a merged one's history. */
export function createIncidentLinksStore() {
  /** Relates two incidents both ways; relating twice changes nothing. */
  async function relate(q: Queryable, a: string, b: string, note: string, by: string, at: string) {
    await q
      .insertInto('incident_relations')
      .values([
        { incident_id: a, related_id: b, note, created_by: by, created_at: at },
        { incident_id: b, related_id: a, note, created_by: by, created_at: at },
      ])
      .onConflict((oc) => oc.columns(['incident_id', 'related_id']).doNothing())
      .execute();
  }

  async function unrelate(q: Queryable, a: string, b: string): Promise<number> {
    const res = await q
      .deleteFrom('incident_relations')
      .where((eb) =>
        eb.or([
          eb.and([eb('incident_id', '=', a), eb('related_id', '=', b)]),
          eb.and([eb('incident_id', '=', b), eb('related_id', '=', a)]),
        ]),
      )
      .executeTakeFirst();
    return Number(res.numDeletedRows);
  }

  /** Moves reports, timeline, people and relations of a merged incident to the survivor. */
  async function moveInto(q: Queryable, fromId: string, toId: string, by: string, at: string) {
    const reports = await q
      .updateTable('incident_reports')
      .set({ incident_id: toId })
      .where('incident_id', '=', fromId)
      .executeTakeFirst();
    const entries = await q
      .updateTable('incident_timeline')
      .set({ incident_id: toId })
      .where('incident_id', '=', fromId)
      .executeTakeFirst();
    // Notes travel like the timeline; the analysis record stays with the merged incident, readable there.
    await q
      .updateTable('incident_notes')
      .set({ incident_id: toId })
      .where('incident_id', '=', fromId)
      .execute();
    // Its own observables too, except those the survivor already holds (they stay, readable there).
    await q
      .updateTable('incident_observables')
      .set({ incident_id: toId })
      .where('incident_id', '=', fromId)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('incident_observables as held')
              .select('held.id')
              .where('held.incident_id', '=', toId)
              .whereRef('held.type', '=', 'incident_observables.type')
              .whereRef('held.value', '=', 'incident_observables.value'),
          ),
        ),
      )
      .execute();
    // Whoever worked on the merged incident keeps working on the survivor, as a handler.
    const people = await q
      .selectFrom('incident_assignees')
      .select('user_id')
      .where('incident_id', '=', fromId)
      .execute();
    if (people.length)
      await q
        .insertInto('incident_assignees')
        .values(
          people.map((p) => ({
            incident_id: toId,
            user_id: p.user_id,
            role: 'handler' as const,
            assigned_by: by,
            assigned_at: at,
          })),
        )
        .onConflict((oc) => oc.columns(['incident_id', 'user_id']).doNothing())
        .execute();
    const relations = await q
      .selectFrom('incident_relations')
      .select(['related_id', 'note'])
      .where('incident_id', '=', fromId)
      .where('related_id', '!=', toId)
      .execute();
    for (const r of relations) await relate(q, toId, r.related_id, r.note, by, at);
    await q
      .deleteFrom('incident_relations')
      .where((eb) => eb.or([eb('incident_id', '=', fromId), eb('related_id', '=', fromId)]))
      .execute();
    // The survivor gains the merged one's people and timeline (its reopenings among them).
    await refreshIncidentFacts(q, [fromId, toId]);
    return { reports: Number(reports.numUpdatedRows), entries: Number(entries.numUpdatedRows) };
  }

  return { relate, unrelate, moveInto };
}

export type IncidentLinksStore = ReturnType<typeof createIncidentLinksStore>;
