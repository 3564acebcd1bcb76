import type { Queryable } from '../../platform/db/database.ts';
import { REOPEN_CHANGES } from './incident.rules.ts';

/**
 * Recomputes the facts kept on the incident row (current class, current handler, reopenings) from the
 * rows they derive from. Every write to classifications, assignees or phase-change timeline entries
 * calls it for the incidents it touched, so the dashboards read columns instead of correlated
 * subqueries per incident. Without ids it refreshes every incident (rows written straight to the tables).
 */
export async function refreshIncidentFacts(q: Queryable, incidentIds?: string[]): Promise<void> {
  if (incidentIds?.length === 0) return;
  let update = q.updateTable('incidents').set((eb) => ({
    current_class: eb
      .selectFrom('incident_classifications as ic')
      .innerJoin('taxonomy_types as tt', 'tt.id', 'ic.type_id')
      .select('tt.class')
      .whereRef('ic.incident_id', '=', 'incidents.id')
      .orderBy('ic.at', 'desc')
      .orderBy('ic.id', 'desc')
      .limit(1),
    current_handler_id: eb
      .selectFrom('incident_assignees as ia')
      .select('ia.user_id')
      .whereRef('ia.incident_id', '=', 'incidents.id')
      .orderBy((o) => o.case().when('ia.role', '=', 'lead').then(0).else(1).end())
      .orderBy('ia.assigned_at')
      .orderBy('ia.user_id')
      .limit(1),
    reopen_count: eb
      .selectFrom('incident_timeline as t')
      .select((o) => o.fn.countAll<number>().as('n'))
      .whereRef('t.incident_id', '=', 'incidents.id')
      .where('t.kind', '=', 'phase_changed')
      .where('t.change', 'in', REOPEN_CHANGES),
  }));
  if (incidentIds) update = update.where('id', 'in', incidentIds);
  await update.execute();
}
