import type { Incident } from '#contracts/incidents.ts';
import type { AuditLog } from '../../platform/audit/audit-log.ts';
import { requireRole, type Actor } from '../../platform/auth/actor.ts';
import { sortableId } from '../../platform/crypto/secrets.ts';
import type { DatabaseHandle, Tx } from '../../platform/db/database.ts';
import { transaction, type OnCommit } from '../../platform/db/transaction.ts';
import type { EventBus } from '../../platform/events/index.ts';
import { conflict, notFound } from '../../platform/http/domain-error.ts';
import type { IncidentStore } from './incident.store.ts';

export const INCIDENT_CHANGED = 'incident.changed';

/**
 * Writes one timeline entry (and its audit entry) for the change being made. `auditData` replaces the
 * default audit payload (text and change) when the text must not be copied there.
 */
export type RecordEntry = (
  kind: string,
  text: string,
  change?: object,
  auditData?: Record<string, unknown>,
) => Promise<void>;

export interface ChangeContext {
  tx: Tx;
  /** The incident as it was when the change started, at the version the user saw. */
  incident: Incident;
  record: RecordEntry;
  /** For effects after commit, e.g. events about other incidents the change touched. */
  onCommit: OnCommit;
}

export interface IncidentChangesDeps {
  handle: DatabaseHandle;
  audit: AuditLog;
  events: EventBus;
  store: IncidentStore;
  now: () => Date;
}

/**
 * The one path every change to an existing incident takes: scoped load, version check (409 with the
 * current state, so no edit is lost), the caller's writes with timeline + audit, version bump, and a
 * live event after commit. The services of the incident feature build their use cases on it.
 */
export function createIncidentChanges({ handle, audit, events, store, now }: IncidentChangesDeps) {
  /** Every change goes on the timeline (who, what, when, before → after) and into the audit log. */
  function recorder(tx: Tx, actor: Actor, incident: Pick<Incident, 'id' | 'key'>): RecordEntry {
    return async (kind, text, change, auditData) => {
      await store.addTimeline(tx, {
        id: sortableId(),
        incident_id: incident.id,
        at: now().toISOString(),
        actor: actor.label,
        kind,
        text,
        change: change ? JSON.stringify(change) : null,
        event_time: null,
        discovery_time: null,
      });
      await audit.record(tx, actor, {
        action: `incident.${kind}`,
        targetType: 'incident',
        targetId: incident.key,
        data: auditData ?? { text, ...change },
      });
    };
  }

  const publish = (onCommit: OnCommit, incident: Pick<Incident, 'key' | 'constituency'>) =>
    onCommit(() =>
      events.publish({
        type: INCIDENT_CHANGED,
        data: { key: incident.key },
        audience: { constituencyId: incident.constituency?.id ?? null },
      }),
    );

  /**
   * Loads for a change: in scope, at the version the user saw (else 409 with what is current). A null
   * version is for changes that overwrite nothing (adding reports): they apply to the incident as it is.
   */
  async function load(tx: Tx, actor: Actor, key: string, version: number | null): Promise<Incident> {
    requireRole(actor, 'handler');
    const incident = await store.get(tx, actor.scope, key);
    if (!incident) throw notFound(`Incident ${key}`);
    if (version !== null && incident.version !== version) {
      throw conflict(
        'stale_version',
        `${key} was changed (version ${incident.version}) since you loaded version ${version}`,
        { current: incident },
      );
    }
    return incident;
  }

  /** Runs `fn` as one versioned change of the incident; returns what `fn` returns. */
  async function change<T>(
    actor: Actor,
    key: string,
    version: number | null,
    fn: (ctx: ChangeContext) => Promise<T>,
  ): Promise<T> {
    return transaction(handle.db, async (tx, onCommit) => {
      const incident = await load(tx, actor, key, version);
      const result = await fn({ tx, incident, record: recorder(tx, actor, incident), onCommit });
      await store.update(tx, incident.id, { version: incident.version + 1, updated_at: now().toISOString() });
      publish(onCommit, incident);
      return result;
    });
  }

  return { recorder, publish, load, change };
}

export type IncidentChanges = ReturnType<typeof createIncidentChanges>;
