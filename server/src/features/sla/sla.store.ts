import type { ExpressionBuilder } from 'kysely';
import type { IncidentSla } from '#contracts/incidents.ts';
import type { Queryable } from '../../platform/db/database.ts';
import type { Database, IncidentsTable } from '../../platform/db/schema.ts';

export type SlaClockName = 'response' | 'resolution';
export type SlaMark = 'warning' | 'breach';

/** The columns of each clock; a clock is done at the first response or at closure. */
const CLOCKS = {
  response: {
    warnAt: 'response_warn_at',
    dueAt: 'response_due_at',
    warned: 'response_warned_at',
    breached: 'response_breached_at',
    done: 'responded_at',
  },
  resolution: {
    warnAt: 'resolution_warn_at',
    dueAt: 'resolution_due_at',
    warned: 'resolution_warned_at',
    breached: 'resolution_breached_at',
    done: 'closed_at',
  },
} as const;

export type SlaColumns = Pick<
  IncidentsTable,
  | 'response_warn_at'
  | 'response_due_at'
  | 'resolution_warn_at'
  | 'resolution_due_at'
  | 'responded_at'
  | 'response_warned_at'
  | 'resolution_warned_at'
  | 'response_breached_at'
  | 'resolution_breached_at'
>;

/** The `sla` of the Incident contract; null while the incident has no due times (no priority). */
export function slaOf(r: SlaColumns & Pick<IncidentsTable, 'closed_at'>): IncidentSla | null {
  if (!r.response_due_at || !r.resolution_due_at) return null;
  return {
    response: {
      dueAt: r.response_due_at,
      doneAt: r.responded_at,
      warnedAt: r.response_warned_at,
      breachedAt: r.response_breached_at,
    },
    resolution: {
      dueAt: r.resolution_due_at,
      doneAt: r.closed_at,
      warnedAt: r.resolution_warned_at,
      breachedAt: r.resolution_breached_at,
    },
  };
}

/** A clock that is still running (incident open, clock not met) and has reached its warning or due time. */
function pending(clock: SlaClockName, mark: SlaMark, at: string) {
  const c = CLOCKS[clock];
  return (eb: ExpressionBuilder<Database, 'incidents'>) =>
    eb.and([
      eb('incidents.closed_at', 'is', null),
      eb(`incidents.${c.done}`, 'is', null),
      eb(`incidents.${mark === 'warning' ? c.warned : c.breached}`, 'is', null),
      // A warning the job reaches only after the due time is skipped: the breach says more.
      ...(mark === 'warning'
        ? [eb(`incidents.${c.warnAt}`, '<=', at), eb(`incidents.${c.dueAt}`, '>', at)]
        : [eb(`incidents.${c.dueAt}`, '<=', at)]),
    ]);
}

export function createSlaStore() {
  async function setClocks(q: Queryable, incidentId: string, columns: Partial<SlaColumns>): Promise<void> {
    await q.updateTable('incidents').set(columns).where('id', '=', incidentId).execute();
  }

  /** Records the first response only: later calls change nothing and return false. */
  async function markResponded(q: Queryable, incidentId: string, at: string): Promise<boolean> {
    const result = await q
      .updateTable('incidents')
      .set({ responded_at: at })
      .where('id', '=', incidentId)
      .where('responded_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /**
   * Sets the warning or breach mark on up to `limit` incidents that reached it and returns them. The
   * conditions are repeated on the UPDATE itself: a second node running at the same moment waits for
   * the row lock, re-checks them against the committed row and updates (so records) nothing.
   */
  async function mark(q: Queryable, clock: SlaClockName, kind: SlaMark, at: string, limit: number) {
    const c = CLOCKS[clock];
    const due = pending(clock, kind, at);
    return q
      .updateTable('incidents')
      .set(kind === 'warning' ? c.warned : c.breached, at)
      .where(due)
      .where('id', 'in', (eb) =>
        eb.selectFrom('incidents').select('id').where(due).orderBy(c.dueAt).limit(limit),
      )
      .returning((eb) => ['id', 'key', 'constituency_id', eb.ref(c.dueAt).as('due_at')])
      .execute();
  }

  return { setClocks, markResponded, mark };
}

export type SlaStore = ReturnType<typeof createSlaStore>;
