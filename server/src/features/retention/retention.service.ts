import { rm } from 'node:fs/promises';
import path from 'node:path';
import type {
  LegalHold,
  RetentionPreview,
  RetentionPreviewItem,
  RetentionRunResult,
  SetLegalHold,
  Tombstone,
} from '#contracts/retention.ts';
import type { AuditLog } from '../../platform/audit/audit-log.ts';
import { constituencyAllowed, requireRole, tlpAllows, type Actor } from '../../platform/auth/actor.ts';
import type { BlobStore } from '../../platform/blobs/blob-store.ts';
import type { DatabaseHandle } from '../../platform/db/database.ts';
import { transaction } from '../../platform/db/transaction.ts';
import type { EventBus } from '../../platform/events/index.ts';
import { notFound } from '../../platform/http/domain-error.ts';
import type { Tlp } from '#contracts/identity.ts';
import type { SearchIndex } from '../../platform/search/search-index.ts';
import {
  INCIDENT_CHANGED,
  incidentDestroyed,
  type IncidentChanges,
  type IncidentStore,
} from '../incidents/index.ts';
import { destroyIncidentContent } from './retention-destroy.ts';
import { createRetentionPolicyService } from './retention-policy.service.ts';
import { retentionDecision } from './retention.rules.ts';
import { toTombstone, type RetentionStore } from './retention.store.ts';

export interface RetentionServiceDeps {
  handle: DatabaseHandle;
  audit: AuditLog;
  events: EventBus;
  search: SearchIndex;
  /** Encrypted files and the data keys shredded with an incident. */
  blobs: BlobStore;
  store: RetentionStore;
  incidents: Pick<IncidentStore, 'get'>;
  /** Timeline and audit through the incident's one recorder. */
  changes: Pick<IncidentChanges, 'recorder'>;
  /** Where the blob folders of shredded keys are removed from. */
  blobsDir: string;
  now: () => Date;
}

/** Retention: policies, legal holds, the dry run and the run that archives and destroys. */
export function createRetentionService(deps: RetentionServiceDeps) {
  const { handle, events, search, blobs, store, incidents, changes, blobsDir, now } = deps;
  const { db } = handle;

  const policies = createRetentionPolicyService(deps);

  const publish = (key: string, constituencyId: string | null) =>
    events.publish({ type: INCIDENT_CHANGED, data: { key }, audience: { constituencyId } });

  async function visibleIncident(actor: Actor, key: string) {
    const incident = await incidents.get(db, actor.scope, key);
    if (!incident) throw notFound(`Incident ${key}`);
    return incident;
  }

  async function holdOf(incidentId: string, key: string): Promise<LegalHold> {
    const r = await store.retention(db, incidentId);
    return {
      incidentKey: key,
      held: !!r?.hold_at,
      reason: r?.hold_reason ?? null,
      by: r?.hold_by ?? null,
      at: r?.hold_at ?? null,
      archivedAt: r?.archived_at ?? null,
    };
  }

  async function getHold(actor: Actor, key: string): Promise<LegalHold> {
    const incident = await visibleIncident(actor, key);
    return holdOf(incident.id, key);
  }

  /** Legal hold on or off (lead or admin): a held incident is never destroyed. Audited and on the timeline. */
  async function setHold(actor: Actor, key: string, input: SetLegalHold): Promise<LegalHold> {
    requireRole(actor, 'lead');
    const incident = await visibleIncident(actor, key);
    await transaction(db, async (tx, onCommit) => {
      if (await store.tombstone(tx, key)) throw incidentDestroyed(key);
      const at = now().toISOString();
      await store.setRetention(
        tx,
        incident.id,
        input.held
          ? { hold_reason: input.reason, hold_by: actor.label, hold_at: at }
          : { hold_reason: null, hold_by: null, hold_at: null },
      );
      const kind = input.held ? 'legal_hold_set' : 'legal_hold_cleared';
      const text = input.held ? `Legal hold set: ${input.reason}` : `Legal hold cleared: ${input.reason}`;
      await changes.recorder(tx, actor, incident)(kind, text, undefined, { data: { reason: input.reason } });
      onCommit(() => publish(key, incident.constituency?.id ?? null));
    });
    return holdOf(incident.id, key);
  }

  async function decisions(
    actor: Actor,
  ): Promise<{ at: Date; items: (RetentionPreviewItem & { id: string })[] }> {
    const at = now();
    const policies = await store.policies(db);
    const items: (RetentionPreviewItem & { id: string })[] = [];
    for (const c of await store.candidates(db, actor.scope)) {
      const d = retentionDecision(policies, c, at);
      if (d) items.push({ ...d, id: c.id });
    }
    return { at, items };
  }

  /** The dry run: what a run now would archive, destroy or skip (legal hold), and why. */
  async function preview(actor: Actor): Promise<RetentionPreview> {
    requireRole(actor, 'lead');
    const { at, items } = await decisions(actor);
    return { at: at.toISOString(), items: items.map(({ id: _id, ...item }) => item) };
  }

  /** Archives and destroys what is due; each incident in its own transaction, re-checked inside it. */
  async function run(actor: Actor, signal?: AbortSignal): Promise<RetentionRunResult> {
    requireRole(actor, 'admin');
    const { at, items } = await decisions(actor);
    const result: RetentionRunResult = { at: at.toISOString(), archived: [], destroyed: [], skipped: [] };
    for (const item of items) {
      // Between incidents, never inside one: each is all or nothing.
      if (signal?.aborted) break;
      if (item.action === 'skip_hold') result.skipped.push(item.incidentKey);
      else if (item.action === 'archive') {
        await archive(actor, item);
        result.archived.push(item.incidentKey);
      } else if (await destroy(actor, item)) result.destroyed.push(item.incidentKey);
      else result.skipped.push(item.incidentKey);
    }
    return result;
  }

  async function archive(actor: Actor, item: RetentionPreviewItem & { id: string }) {
    await transaction(db, async (tx, onCommit) => {
      await store.setRetention(tx, item.id, { archived_at: now().toISOString() });
      await changes.recorder(tx, actor, { id: item.id, key: item.incidentKey })(
        'archived',
        `Archived under the retention policy "${item.policyName}"`,
        undefined,
        {
          action: 'retention.archived',
          data: { policyId: item.policyId, policyName: item.policyName, reason: item.reason },
        },
      );
      onCommit(() => publish(item.incidentKey, item.constituencyId));
    });
  }

  async function destroy(actor: Actor, item: RetentionPreviewItem & { id: string }): Promise<boolean> {
    const done = await transaction(db, async (tx, onCommit) => {
      // A hold set since the preview, or another node's run, wins.
      const state = await store.retention(tx, item.id);
      if (state?.hold_at || (await store.tombstone(tx, item.incidentKey))) return null;
      const at = now().toISOString();
      const destruction = await destroyIncidentContent(tx, { keys: blobs.keys, search }, item.id, {
        at,
        by: actor.label,
        policyId: item.policyId,
        policyName: item.policyName,
      });
      await changes.recorder(tx, actor, { id: item.id, key: item.incidentKey })(
        'destroyed',
        `Content destroyed under the retention policy "${item.policyName}"`,
        undefined,
        {
          action: 'retention.destroyed',
          data: { reason: item.reason, tombstone: toTombstone(destruction.tombstone) },
          // The proof of destruction stays readable; the key it would be sealed with is gone.
          sealed: false,
        },
      );
      onCommit(() => publish(item.incidentKey, item.constituencyId));
      return destruction;
    });
    if (!done) return false;
    // The blobs are unreadable already (keys shredded); removing them just frees the space.
    for (const keyId of done.keyIds) await rm(path.join(blobsDir, keyId), { recursive: true, force: true });
    for (const blob of done.blobs) if (!(await blobInUse(blob))) await blobs.remove(blob.keyId, blob.sha256);
    return true;
  }

  /** Content-addressed: the same bytes may still belong to another report or message. */
  async function blobInUse({ keyId, sha256 }: { keyId: string; sha256: string }): Promise<boolean> {
    const file = await db
      .selectFrom('report_files')
      .select('report_id')
      .where('key_id', '=', keyId)
      .where('sha256', '=', sha256)
      .executeTakeFirst();
    if (file) return true;
    const message = await db
      .selectFrom('communications')
      .select('id')
      .where('raw_key_id', '=', keyId)
      .where('raw_sha256', '=', sha256)
      .executeTakeFirst();
    return !!message;
  }

  async function tombstone(actor: Actor, key: string): Promise<Tombstone> {
    const row = await store.tombstone(db, key);
    if (
      !row ||
      !constituencyAllowed(actor.scope, row.constituency_id) ||
      !tlpAllows(actor.scope, row.tlp as Tlp)
    )
      throw notFound(`Tombstone of ${key}`);
    return toTombstone(row);
  }

  async function tombstones(actor: Actor): Promise<Tombstone[]> {
    requireRole(actor, 'admin');
    return (await store.tombstones(db, 500)).map(toTombstone);
  }

  return {
    ...policies,
    getHold,
    setHold,
    preview,
    run,
    tombstone,
    tombstones,
  };
}

export type RetentionService = ReturnType<typeof createRetentionService>;
