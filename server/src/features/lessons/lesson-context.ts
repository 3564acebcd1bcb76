import type { Incident } from '#contracts/incidents.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { DatabaseHandle, Tx } from '../../platform/db/database.ts';
import type { OnCommit } from '../../platform/db/transaction.ts';
import { conflict, notFound } from '../../platform/http/domain-error.ts';
import type { IncidentChanges, IncidentStore } from '../incidents/index.ts';

export interface LessonContextDeps {
  handle: DatabaseHandle;
  changes: Pick<IncidentChanges, 'load' | 'publish' | 'recorder'>;
  incidents: Pick<IncidentStore, 'get'>;
}

/** How the lessons feature reaches its incident: scoped reads, writable checks, timeline + audit, events. */
export function createLessonContext({ handle, changes, incidents }: LessonContextDeps) {
  async function visible(actor: Actor, key: string): Promise<Incident> {
    const incident = await incidents.get(handle.db, actor.scope, key);
    if (!incident) throw notFound(`Incident ${key}`);
    return incident;
  }

  /**
   * In scope, handler role, not merged away. Closed incidents stay writable here on purpose: lessons,
   * proposals and remediation are the work that follows closure.
   */
  async function writable(tx: Tx, actor: Actor, key: string): Promise<Incident> {
    const incident = await changes.load(tx, actor, key, null);
    if (incident.mergedInto)
      throw conflict('incident_merged', `${key} was merged into ${incident.mergedInto}; write there`);
    return incident;
  }

  /** Timeline and audit through the incident's one recorder; the audit gets `data`, never the text twice. */
  const record = (
    tx: Tx,
    actor: Actor,
    incident: Incident,
    entry: { kind: string; text: string; change?: object; data: Record<string, unknown> },
  ) => changes.recorder(tx, actor, incident)(entry.kind, entry.text, entry.change, { data: entry.data });

  const publish = (onCommit: OnCommit, incident: Incident) => changes.publish(onCommit, incident);

  return { visible, writable, record, publish };
}

export type LessonContext = ReturnType<typeof createLessonContext>;
