import type { Incident } from '#contracts/incidents.ts';
import type { AuditLog, SealingKey } from '../../platform/audit/audit-log.ts';
import { requireRole, type Actor } from '../../platform/auth/actor.ts';
import { sortableId } from '../../platform/crypto/secrets.ts';
import { incidentKeyPurpose, type DataKeys } from '../../platform/crypto/data-keys.ts';
import type { DatabaseHandle, Tx } from '../../platform/db/database.ts';
import { transaction, type OnCommit } from '../../platform/db/transaction.ts';
import type { EventBus } from '../../platform/events/index.ts';
import { conflict, notFound } from '../../platform/http/domain-error.ts';
import { requireNotDestroyed } from './incident-archive.ts';
import type { IncidentStore } from './incident.store.ts';

export const INCIDENT_CHANGED = 'incident.changed';

/** How the audit entry differs from the default: action `incident.<kind>`, payload text and change. */
export interface AuditAs {
  /** The action the audit log already knows this change by, e.g. `communication.sent`. */
  action?: string;
  /** Replaces the payload, e.g. when the text must not be copied there. */
  data?: Record<string, unknown>;
  /** False leaves the payload readable after the incident's key is shredded (the destruction record). */
  sealed?: false;
}

/** Writes one timeline entry (and its audit entry) for the change being made. */
export type RecordEntry = (kind: string, text: string, change?: object, auditAs?: AuditAs) => Promise<void>;

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
  /** The incident's data key seals what its audit entries say: destroying the incident shreds it. */
  keys: Pick<DataKeys, 'forPurpose' | 'unwrap'>;
  events: EventBus;
  store: IncidentStore;
  now: () => Date;
}

/**
 * The one path every change to an existing incident takes: scoped load, version check (409 with the
 * current state, so no edit is lost), the caller's writes with timeline + audit, version bump, and a
 * live event after commit. The services of the incident feature build their use cases on it.
 */
export function createIncidentChanges({ handle, audit, keys, events, store, now }: IncidentChangesDeps) {
  /** Every change goes on the timeline (who, what, when, before → after) and into the audit log. */
  // Looked up once per incident and transaction: one change often records several entries.
  const sealingKeys = new WeakMap<Tx, Map<string, Promise<SealingKey>>>();
  function sealingKey(tx: Tx, incidentId: string): Promise<SealingKey> {
    const known = sealingKeys.get(tx) ?? new Map<string, Promise<SealingKey>>();
    sealingKeys.set(tx, known);
    let found = known.get(incidentId);
    if (!found) {
      found = keys
        .forPurpose(incidentKeyPurpose(incidentId), tx)
        .then(async (keyId) => ({ keyId, key: await keys.unwrap(keyId, tx) }));
      known.set(incidentId, found);
    }
    return found;
  }

  function recorder(tx: Tx, actor: Actor, incident: Pick<Incident, 'id' | 'key'>): RecordEntry {
    return async (kind, text, change, auditAs) => {
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
        action: auditAs?.action ?? `incident.${kind}`,
        targetType: 'incident',
        targetId: incident.key,
        data: auditAs?.data ?? { text, ...change },
        ...(auditAs?.sealed === false ? {} : { sealWith: await sealingKey(tx, incident.id) }),
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
   * Loads for a change: in scope, not destroyed, at the version the user saw (else 409 with what is
   * current). A null version is for changes that overwrite nothing (adding reports): they apply to the
   * incident as it is.
   */
  async function load(tx: Tx, actor: Actor, key: string, version: number | null): Promise<Incident> {
    requireRole(actor, 'handler');
    const incident = await store.get(tx, actor.scope, key);
    if (!incident) throw notFound(`Incident ${key}`);
    requireNotDestroyed(incident);
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
