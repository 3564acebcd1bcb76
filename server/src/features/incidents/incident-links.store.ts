import type { Scope } from '#contracts/identity.ts';
import type { Phase, Priority, ReportSuggestion } from '#contracts/incidents.ts';
import type { Queryable } from '../../platform/db/database.ts';
import { OPEN_PHASES } from './incident.rules.ts';
import { scopedIncidents } from './incident-rows.store.ts';

/** SQL for what ties incidents together: shared observables, relations, and moving a merged one's history. */
export function createIncidentLinksStore() {
  /** Open incidents in scope whose reports share observables with this report, most overlap first. */
  async function suggestionsFor(q: Queryable, scope: Scope, reportId: string): Promise<ReportSuggestion[]> {
    const rows = await scopedIncidents(q, scope)
      .innerJoin('incident_reports', 'incident_reports.incident_id', 'incidents.id')
      .innerJoin('report_observables as theirs', 'theirs.report_id', 'incident_reports.report_id')
      .innerJoin('report_observables as mine', (join) =>
        join.onRef('mine.type', '=', 'theirs.type').onRef('mine.value', '=', 'theirs.value'),
      )
      .select(['theirs.type as shared_type', 'theirs.value as shared_value'])
      .where('mine.report_id', '=', reportId)
      .where('theirs.report_id', '!=', reportId)
      .where('incidents.phase', 'in', OPEN_PHASES)
      .where('incidents.merged_into_id', 'is', null)
      .limit(1000)
      .execute();
    const byKey = new Map<string, ReportSuggestion>();
    for (const r of rows) {
      const s = byKey.get(r.key) ?? {
        key: r.key,
        title: r.title,
        phase: r.phase as Phase,
        priority: r.priority as Priority | null,
        version: r.version,
        shared: [],
      };
      if (!s.shared.some((o) => o.type === r.shared_type && o.value === r.shared_value))
        s.shared.push({ type: r.shared_type, value: r.shared_value });
      byKey.set(r.key, s);
    }
    return [...byKey.values()].sort(
      (a, b) => b.shared.length - a.shared.length || a.key.localeCompare(b.key),
    );
  }

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
    return { reports: Number(reports.numUpdatedRows), entries: Number(entries.numUpdatedRows) };
  }

  return { suggestionsFor, relate, unrelate, moveInto };
}

export type IncidentLinksStore = ReturnType<typeof createIncidentLinksStore>;
