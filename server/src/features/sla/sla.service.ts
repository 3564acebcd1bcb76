import type { Incident, Priority } from '#contracts/incidents.ts';
import type { AuditLog } from '../../platform/audit/audit-log.ts';
import { systemActor, type Actor } from '../../platform/auth/actor.ts';
import { sortableId } from '../../platform/crypto/secrets.ts';
import type { DatabaseHandle, Queryable } from '../../platform/db/database.ts';
import { transaction } from '../../platform/db/transaction.ts';
import type { EventBus } from '../../platform/events/index.ts';
import { INCIDENT_CHANGED, type IncidentStore } from '../incidents/index.ts';
import { slaDeadlines, type SlaPolicy } from './sla.rules.ts';
import { createSlaStore, type SlaClockName, type SlaColumns, type SlaMark } from './sla.store.ts';

/** Live event when a clock reaches its warning or breach: `{ key, clock, mark, dueAt }`. */
export const INCIDENT_SLA = 'incident.sla';

const BATCH = 200;
const label: Record<SlaClockName, string> = { response: 'Response', resolution: 'Resolution' };

export interface SlaServiceDeps {
  handle: DatabaseHandle;
  audit: AuditLog;
  events: EventBus;
  /** The incident feature's timeline, where warnings, breaches and recomputed due times are recorded. */
  timeline: Pick<IncidentStore, 'addTimeline'>;
  policy: SlaPolicy;
  now: () => Date;
}

type Due = Pick<
  SlaColumns,
  'response_warn_at' | 'response_due_at' | 'resolution_warn_at' | 'resolution_due_at'
>;

export function createSlaService({ handle, audit, events, timeline, policy, now }: SlaServiceDeps) {
  const store = createSlaStore();
  const actor = systemActor('sla');

  function due(priority: Priority | null, createdAt: Date): Due {
    if (!priority)
      return {
        response_warn_at: null,
        response_due_at: null,
        resolution_warn_at: null,
        resolution_due_at: null,
      };
    const d = slaDeadlines(priority, createdAt, policy);
    return {
      response_warn_at: d.responseWarnAt.toISOString(),
      response_due_at: d.responseDueAt.toISOString(),
      resolution_warn_at: d.resolutionWarnAt.toISOString(),
      resolution_due_at: d.resolutionDueAt.toISOString(),
    };
  }

  /** The SLA columns of a new incident row: due times of its priority counted from its creation. */
  function initial(priority: Priority | null, createdAt: Date): SlaColumns {
    return {
      ...due(priority, createdAt),
      responded_at: null,
      response_warned_at: null,
      resolution_warned_at: null,
      response_breached_at: null,
      resolution_breached_at: null,
    };
  }

  async function record(
    tx: Queryable,
    by: Actor,
    incident: Pick<Incident, 'id' | 'key'>,
    kind: string,
    text: string,
    change: { before?: unknown; after?: unknown },
  ) {
    await timeline.addTimeline(tx, {
      id: sortableId(),
      incident_id: incident.id,
      at: now().toISOString(),
      actor: by.label,
      kind,
      text,
      change: JSON.stringify(change),
      event_time: null,
      discovery_time: null,
    });
    await audit.record(tx, by, {
      action: `incident.${kind}`,
      targetType: 'incident',
      targetId: incident.key,
      data: { text, ...change },
    });
  }

  /**
   * Recomputes the due times after the priority changed (still from the creation time) and records
   * `sla_changed`. A warning or breach mark of a running clock is cleared when the new time lies ahead
   * again, so the job judges the new target; marks of met clocks stay as history.
   */
  async function reschedule(
    tx: Queryable,
    by: Actor,
    incident: Pick<Incident, 'id' | 'key' | 'createdAt' | 'sla' | 'closure'>,
    priority: Priority | null,
  ): Promise<void> {
    const next = due(priority, new Date(incident.createdAt));
    const before = incident.sla;
    if (
      next.response_due_at === (before?.response.dueAt ?? null) &&
      next.resolution_due_at === (before?.resolution.dueAt ?? null)
    )
      return;
    const at = now().toISOString();
    const ahead = (t: string | null) => t === null || t > at;
    const columns: Partial<SlaColumns> = { ...next };
    if (!before?.response.doneAt) {
      if (ahead(next.response_warn_at)) columns.response_warned_at = null;
      if (ahead(next.response_due_at)) columns.response_breached_at = null;
    }
    if (!incident.closure) {
      if (ahead(next.resolution_warn_at)) columns.resolution_warned_at = null;
      if (ahead(next.resolution_due_at)) columns.resolution_breached_at = null;
    }
    await store.setClocks(tx, incident.id, columns);
    const dues = (response: string | null | undefined, resolution: string | null | undefined) =>
      response && resolution ? { responseDueAt: response, resolutionDueAt: resolution } : null;
    await record(
      tx,
      by,
      incident,
      'sla_changed',
      priority
        ? `SLA for ${priority}: response due ${next.response_due_at}, resolution due ${next.resolution_due_at}`
        : 'SLA cleared: no priority',
      {
        before: dues(before?.response.dueAt, before?.resolution.dueAt),
        after: dues(next.response_due_at, next.resolution_due_at),
      },
    );
  }

  /**
   * Stops the response clock at the first response (the incident leaves triage, or is taken or
   * assigned). Call it inside the change's transaction; later calls keep the first time.
   */
  function markResponded(tx: Queryable, incidentId: string, at: Date): Promise<boolean> {
    return store.markResponded(tx, incidentId, at.toISOString());
  }

  /** Records one kind of mark for one clock, batch by batch; each batch commits with its entries. */
  async function markAll(clock: SlaClockName, mark: SlaMark): Promise<number> {
    let total = 0;
    for (;;) {
      const marked = await transaction(handle.db, async (tx, onCommit) => {
        const at = now().toISOString();
        const rows = await store.mark(tx, clock, mark, at, BATCH);
        for (const row of rows) {
          const text =
            mark === 'warning'
              ? `${label[clock]} SLA warning: due at ${row.due_at}`
              : `${label[clock]} SLA breached: was due at ${row.due_at}`;
          const kind = mark === 'warning' ? 'sla_warning' : 'sla_breached';
          await record(tx, actor, row, kind, text, { after: { clock, dueAt: row.due_at } });
          const audience = { constituencyId: row.constituency_id };
          onCommit(async () => {
            await events.publish({ type: INCIDENT_CHANGED, data: { key: row.key }, audience });
            await events.publish({
              type: INCIDENT_SLA,
              data: { key: row.key, clock, mark, dueAt: row.due_at },
              audience,
            });
          });
        }
        return rows.length;
      });
      total += marked;
      if (marked < BATCH) return total;
    }
  }

  /**
   * The minutely check: records each breach and each warning once, breaches first. Safe to run on
   * several nodes at once and to repeat.
   */
  async function check(): Promise<{ warnings: number; breaches: number }> {
    const breaches = (await markAll('response', 'breach')) + (await markAll('resolution', 'breach'));
    const warnings = (await markAll('response', 'warning')) + (await markAll('resolution', 'warning'));
    return { warnings, breaches };
  }

  return { initial, reschedule, markResponded, check };
}

export type SlaService = ReturnType<typeof createSlaService>;
