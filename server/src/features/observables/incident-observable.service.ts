import type { z } from 'zod';
import type { Incident } from '#contracts/incidents.ts';
import type {
  Enrichment,
  ExtractedObservable,
  IncidentObservable,
  IncidentObservableUpdate,
  NewIncidentObservable,
  ObservableSource,
  PasteObservables,
  Verdict,
} from '#contracts/observables.ts';
import type { Tlp } from '#contracts/identity.ts';
import { requireRole, tlpAllows, type Actor } from '../../platform/auth/actor.ts';
import { sortableId } from '../../platform/crypto/secrets.ts';
import type { DatabaseHandle, Queryable, Tx } from '../../platform/db/database.ts';
import type { IncidentObservablesTable, ObservableEnrichmentsTable } from '../../platform/db/schema.ts';
import { transaction, type OnCommit } from '../../platform/db/transaction.ts';
import type { EventBus } from '../../platform/events/index.ts';
import { invalid, notFound, type FieldIssue } from '../../platform/http/domain-error.ts';
import { requireNotArchived, type IncidentChanges, type IncidentStore } from '../incidents/index.ts';
import { loosestTlp, normaliseTags, scopeKey, sightingsSummary } from './incident-observable.rules.ts';
import { pairKey, type IncidentObservableStore } from './incident-observable.store.ts';
import { extractObservables } from './observable-extraction.rules.ts';
import { normaliseObservable } from './observable-normalisation.rules.ts';

/** Published after a change to an incident's observables; the Observables tab refetches on it. */
export const INCIDENT_OBSERVABLES_CHANGED = 'incident.observables.changed';

type NewItem = z.output<typeof NewIncidentObservable>;
type Paste = z.output<typeof PasteObservables>;
type Update = z.output<typeof IncidentObservableUpdate>;

export interface IncidentObservableServiceDeps {
  handle: DatabaseHandle;
  events: EventBus;
  store: IncidentObservableStore;
  incidents: Pick<IncidentStore, 'get'>;
  /** Timeline and audit through the incident's one recorder. */
  changes: Pick<IncidentChanges, 'recorder'>;
  now: () => Date;
}

export const toEnrichment = (r: ObservableEnrichmentsTable, cached: boolean): Enrichment => ({
  analyzer: r.analyzer,
  verdict: r.verdict as Verdict,
  summary: r.summary,
  details: JSON.parse(r.details) as Record<string, unknown>,
  analyzedAt: r.analyzed_at,
  expiresAt: r.expires_at,
  cached,
});

export function createIncidentObservableService(deps: IncidentObservableServiceDeps) {
  const { handle, events, store, incidents, changes, now } = deps;

  /** The incident in the actor's scope, else 404: an out-of-scope incident does not exist for them. */
  async function load(q: Queryable, actor: Actor, key: string): Promise<Incident> {
    const incident = await incidents.get(q, actor.scope, key);
    if (!incident) throw notFound(`Incident ${key}`);
    return incident;
  }

  /** Own observables merged with those of the linked reports, each with sightings and cached enrichments. */
  async function list(actor: Actor, key: string): Promise<IncidentObservable[]> {
    const { db } = handle;
    const incident = await load(db, actor, key);
    const items = new Map<string, IncidentObservable & { reportTlps: Tlp[] }>();
    for (const r of await store.own(db, actor.scope, incident.id))
      items.set(pairKey(r as ExtractedObservable), {
        id: r.id,
        type: r.type as IncidentObservable['type'],
        value: r.value,
        tags: JSON.parse(r.tags) as string[],
        ioc: r.ioc === 1,
        tlp: r.tlp as Tlp,
        source: r.source as ObservableSource,
        addedBy: r.added_by,
        addedAt: r.added_at,
        reportIds: [],
        reportTlps: [],
        sightings: { incidentKeys: [], reports: 0, summary: '' },
        enrichments: [],
      });
    for (const r of await store.fromReports(db, actor.scope, incident.id)) {
      const k = pairKey(r);
      const item = items.get(k) ?? {
        ...{ id: null, type: r.type, value: r.value, tags: [], ioc: false, tlp: r.tlp },
        ...{ source: 'report' as const, addedBy: null, addedAt: null, reportIds: [], reportTlps: [] },
        ...{ sightings: { incidentKeys: [], reports: 0, summary: '' }, enrichments: [] },
      };
      item.reportIds.push(r.reportId);
      item.reportTlps.push(r.tlp);
      if (item.id === null) item.tlp = loosestTlp(item.reportTlps);
      items.set(k, item);
    }
    const all = [...items.values()];
    const seen = await store.sightings(db, actor.scope, incident.id, all);
    const cached = await store.enrichments(db, incident.id, scopeKey(actor.scope), all);
    return all
      .map(({ reportTlps: _, ...item }) => {
        const s = seen.get(pairKey(item));
        const incidentKeys = [...(s?.incidentKeys ?? [])].sort();
        const reports = s?.reportIds.size ?? 0;
        return {
          ...item,
          reportIds: [...new Set(item.reportIds)].sort(),
          sightings: { incidentKeys, reports, summary: sightingsSummary(incidentKeys, reports) },
          enrichments: cached
            .filter((c) => pairKey(c as ExtractedObservable) === pairKey(item))
            .map((c) => toEnrichment(c, true)),
        };
      })
      .sort((a, b) => a.type.localeCompare(b.type) || a.value.localeCompare(b.value));
  }

  /** Normalises every item; bad ones are reported together, by position, before anything is written. */
  function check(actor: Actor, items: NewItem[], existing: Set<string>): IncidentObservablesTable[] {
    const issues: FieldIssue[] = [];
    const rows: IncidentObservablesTable[] = [];
    const batch = new Set<string>();
    const at = now().toISOString();
    items.forEach((item, i) => {
      const value = normaliseObservable(item.type, item.value);
      if (!value)
        return issues.push({
          path: `body.items.${i}.value`,
          message: `"${item.value.slice(0, 200)}" is not a valid ${item.type}`,
        });
      if (!tlpAllows(actor.scope, item.tlp))
        return issues.push({
          path: `body.items.${i}.tlp`,
          message: `TLP:${item.tlp.toUpperCase()} is above what you may read`,
        });
      const k = pairKey({ type: item.type, value });
      if (existing.has(k) || batch.has(k))
        return issues.push({
          path: `body.items.${i}.value`,
          message: `${item.type} ${value} is already on the incident`,
        });
      batch.add(k);
      rows.push({
        id: sortableId(),
        incident_id: '',
        type: item.type,
        value,
        tags: JSON.stringify(normaliseTags(item.tags)),
        ioc: item.ioc ? 1 : 0,
        tlp: item.tlp,
        source: item.source,
        added_by: actor.label,
        added_at: at,
        updated_at: at,
      });
    });
    if (issues.length)
      throw invalid('observables_invalid', `${issues.length} observable(s) cannot be added`, issues);
    return rows;
  }

  /** Timeline and audit entry for a change, and the live event after commit. */
  async function record(
    tx: Tx,
    onCommit: OnCommit,
    actor: Actor,
    incident: Incident,
    action: string,
    text: string,
    data: Record<string, unknown>,
  ) {
    await changes.recorder(tx, actor, incident)('observables', text, undefined, {
      action: `incident.${action}`,
      data,
    });
    onCommit(() =>
      events.publish({
        type: INCIDENT_OBSERVABLES_CHANGED,
        data: { key: incident.key },
        audience: { constituencyId: incident.constituency?.id ?? null },
      }),
    );
  }

  /** Adds one or many (all or nothing); answers the incident's list as it now is. */
  async function add(actor: Actor, key: string, items: NewItem[]): Promise<IncidentObservable[]> {
    requireRole(actor, 'handler');
    await transaction(handle.db, async (tx, onCommit) => {
      const incident = await load(tx, actor, key);
      requireNotArchived(incident);
      const rows = check(actor, items, await store.ownKeys(tx, incident.id)).map((r) => ({
        ...r,
        incident_id: incident.id,
      }));
      await store.insertMany(tx, rows);
      const text =
        rows.length === 1
          ? `Added observable ${rows[0]!.type} ${rows[0]!.value}`
          : `Added ${rows.length} observables`;
      await record(tx, onCommit, actor, incident, 'observables_added', text, {
        items: rows
          .slice(0, 100)
          .map((r) => ({ type: r.type, value: r.value, tlp: r.tlp, ioc: r.ioc === 1 })),
        count: rows.length,
      });
    });
    return list(actor, key);
  }

  /** What pasted text would add: normalised, de-duplicated, and whether each is already on the incident. */
  async function preview(actor: Actor, key: string, input: Paste) {
    requireRole(actor, 'handler');
    const incident = await load(handle.db, actor, key);
    const existing = await store.ownKeys(handle.db, incident.id);
    return { items: extractObservables(input.text).map((o) => ({ ...o, exists: existing.has(pairKey(o)) })) };
  }

  async function update(
    actor: Actor,
    key: string,
    id: string,
    changes: Update,
  ): Promise<IncidentObservable[]> {
    requireRole(actor, 'handler');
    await transaction(handle.db, async (tx, onCommit) => {
      const incident = await load(tx, actor, key);
      requireNotArchived(incident);
      const row = await store.byId(tx, incident.id, id);
      if (!row || !tlpAllows(actor.scope, row.tlp as Tlp)) throw notFound('Observable');
      if (changes.tlp && !tlpAllows(actor.scope, changes.tlp))
        throw invalid('observables_invalid', 'Marking above your TLP ceiling', [
          { path: 'body.tlp', message: `TLP:${changes.tlp.toUpperCase()} is above what you may read` },
        ]);
      const set = {
        ...(changes.tags ? { tags: JSON.stringify(normaliseTags(changes.tags)) } : {}),
        ...(changes.ioc !== undefined ? { ioc: changes.ioc ? 1 : 0 } : {}),
        ...(changes.tlp ? { tlp: changes.tlp } : {}),
        updated_at: now().toISOString(),
      };
      await store.update(tx, id, set);
      const before = { tags: JSON.parse(row.tags) as string[], ioc: row.ioc === 1, tlp: row.tlp };
      await record(
        tx,
        onCommit,
        actor,
        incident,
        'observable_updated',
        `Updated observable ${row.type} ${row.value}`,
        {
          type: row.type,
          value: row.value,
          before,
          after: changes,
        },
      );
    });
    return list(actor, key);
  }

  async function remove(actor: Actor, key: string, id: string): Promise<void> {
    requireRole(actor, 'handler');
    await transaction(handle.db, async (tx, onCommit) => {
      const incident = await load(tx, actor, key);
      requireNotArchived(incident);
      const row = await store.byId(tx, incident.id, id);
      if (!row || !tlpAllows(actor.scope, row.tlp as Tlp)) throw notFound('Observable');
      await store.remove(tx, id);
      await record(
        tx,
        onCommit,
        actor,
        incident,
        'observable_removed',
        `Removed observable ${row.type} ${row.value}`,
        {
          type: row.type,
          value: row.value,
        },
      );
    });
  }

  return { load, list, add, preview, update, remove };
}

export type IncidentObservableService = ReturnType<typeof createIncidentObservableService>;
