import type { Readable } from 'node:stream';
import type { Logger } from 'pino';
import {
  Acquisition,
  type CustodyEntry,
  type CustodyLog,
  type CustodyTransfer,
  type EvidenceItem,
  type EvidenceVerification,
} from '#contracts/evidence.ts';
import type { Incident } from '#contracts/incidents.ts';
import type { AuditLog } from '../../platform/audit/audit-log.ts';
import { requireRole, tlpAllows, type Actor } from '../../platform/auth/actor.ts';
import { BlobTooLargeError, type StreamBlobStore } from '../../platform/blobs/stream-blob-store.ts';
import { incidentKeyPurpose, type DataKeys } from '../../platform/crypto/data-keys.ts';
import { sortableId } from '../../platform/crypto/secrets.ts';
import type { DatabaseHandle } from '../../platform/db/database.ts';
import { transaction, type OnCommit } from '../../platform/db/transaction.ts';
import type { EventBus } from '../../platform/events/index.ts';
import { DomainError, invalid, notFound } from '../../platform/http/domain-error.ts';
import { INCIDENT_CHANGED, requireNotArchived, type IncidentStore } from '../incidents/index.ts';
import { cleanFilename } from '../reports/index.ts';
import { createCustodyAppender, rehash } from './evidence-custody.ts';
import { checkCustodyChain } from './evidence.rules.ts';
import type { EvidenceStore } from './evidence.store.ts';

/** A file part on its way in: read once, as a stream. */
export interface IncomingFile {
  filename: string;
  contentType: string;
  stream: Readable;
}

export interface EvidenceServiceDeps {
  handle: DatabaseHandle;
  audit: AuditLog;
  events: EventBus;
  store: EvidenceStore;
  incidents: Pick<IncidentStore, 'get' | 'addTimeline'>;
  blobs: StreamBlobStore;
  keys: DataKeys;
  maxBytes: number;
  log: Logger;
  now: () => Date;
}

export const evidenceTooLarge = (max: number) =>
  new DomainError('too_large', 'evidence_too_large', `The file is larger than the ${max} bytes allowed`);

export function createEvidenceService(deps: EvidenceServiceDeps) {
  const { handle, audit, events, store, incidents, blobs, keys, maxBytes, log, now } = deps;
  const { db } = handle;

  async function visibleIncident(actor: Actor, key: string): Promise<Incident> {
    const incident = await incidents.get(db, actor.scope, key);
    if (!incident) throw notFound('Incident');
    return incident;
  }

  async function visibleItem(actor: Actor, key: string, id: string) {
    const incident = await visibleIncident(actor, key);
    const found = await store.get(db, actor.scope, incident.id, id);
    if (!found) throw notFound('Evidence');
    return { incident, ...found };
  }

  const custody = createCustodyAppender({ handle, store, audit, keys, now });

  const changed = (onCommit: OnCommit, incident: Incident) =>
    onCommit(() =>
      events.publish({
        type: INCIDENT_CHANGED,
        data: { key: incident.key },
        audience: { constituencyId: incident.constituency?.id ?? null },
      }),
    );

  /** Validates the acquisition record before a byte of the file is read; every problem at once. */
  function acquisitionOf(actor: Actor, fields: Record<string, string>): Acquisition {
    const parsed = Acquisition.safeParse(fields);
    if (!parsed.success)
      throw invalid(
        'evidence_invalid',
        'The acquisition record is invalid',
        parsed.error.issues.map((i) => ({ path: i.path.join('.') || 'body', message: i.message })),
      );
    if (!tlpAllows(actor.scope, parsed.data.tlp))
      throw invalid('evidence_invalid', 'The TLP is above what you may read', [
        { path: 'tlp', message: `must be at most ${actor.scope.tlpCeiling}` },
      ]);
    return parsed.data;
  }

  async function admit(actor: Actor, key: string, fields: Record<string, string>) {
    requireRole(actor, 'handler');
    const incident = await visibleIncident(actor, key);
    requireNotArchived(incident);
    const acquisition = acquisitionOf(actor, fields);
    const keyId = await keys.forPurpose(incidentKeyPurpose(incident.id));
    return { incident, acquisition, keyId };
  }

  /**
   * Streams the file into the locker (hashed and encrypted on the way), then records the item, its
   * first custody link, the audit entry and a timeline line in one transaction. The blob is written
   * first: being content-addressed, a rolled-back insert leaves at most an orphan, never a half item.
   */
  async function upload(actor: Actor, key: string, fields: Record<string, string>, file: IncomingFile) {
    const { incident, acquisition, keyId } = await admit(actor, key, fields).catch((err: unknown) => {
      // Refused before reading: let the rest of the body flow past so the answer reaches the client.
      file.stream.resume();
      throw err;
    });
    const stored = await blobs.write(keyId, file.stream, maxBytes).catch((err: unknown) => {
      // busboy's own cap (one byte past ours) answers 413 too; either way the store kept nothing.
      const over = err instanceof BlobTooLargeError || (err as { statusCode?: unknown }).statusCode === 413;
      throw over ? evidenceTooLarge(maxBytes) : err;
    });
    const at = now().toISOString();
    const item: EvidenceItem = {
      id: sortableId(),
      incidentKey: incident.key,
      filename: cleanFilename(file.filename, 'evidence.bin'),
      contentType: file.contentType || 'application/octet-stream',
      size: stored.size,
      sha256: stored.sha256,
      sha1: stored.sha1,
      md5: stored.md5,
      ...acquisition,
      acquiredAt: new Date(acquisition.acquiredAt).toISOString(),
      toolVersion: acquisition.toolVersion ?? null,
      createdBy: actor.label,
      createdAt: at,
    };
    await transaction(db, async (tx, onCommit) => {
      await store.insert(tx, item, { incidentId: incident.id, keyId });
      await custody(tx, actor, { item, keyId }, 'acquired', {
        filename: item.filename,
        size: item.size,
        sha1: item.sha1,
        md5: item.md5,
        acquiredBy: item.acquiredBy,
        acquiredAt: item.acquiredAt,
        source: item.source,
        method: item.method,
        tool: item.tool,
        toolVersion: item.toolVersion,
      });
      await incidents.addTimeline(tx, {
        id: sortableId(),
        incident_id: incident.id,
        at,
        actor: actor.label,
        kind: 'evidence',
        text: `Evidence added: ${item.filename} (SHA-256 ${item.sha256.slice(0, 16)}…), ${item.method} from ${item.source}`,
        change: null,
        event_time: null,
        discovery_time: null,
      });
      changed(onCommit, incident);
    });
    return item;
  }

  async function list(actor: Actor, key: string): Promise<EvidenceItem[]> {
    const incident = await visibleIncident(actor, key);
    return store.list(db, actor.scope, incident.id);
  }

  async function custodyLog(actor: Actor, key: string, id: string): Promise<CustodyLog> {
    const { item } = await visibleItem(actor, key, id);
    return { item, entries: await store.custody(db, item.id) };
  }

  /** A transfer of the item, or of a copy handed outside (exported), recorded by hand. */
  async function recordTransfer(
    actor: Actor,
    key: string,
    id: string,
    input: CustodyTransfer,
  ): Promise<CustodyEntry> {
    requireRole(actor, 'handler');
    const { incident, item, keyId } = await visibleItem(actor, key, id);
    return transaction(db, async (tx, onCommit) => {
      const entry = await custody(tx, actor, { item, keyId }, input.action, {
        to: input.to,
        note: input.note,
      });
      changed(onCommit, incident);
      return entry;
    });
  }

  /**
   * Opens the item for download. The access is logged before the first byte leaves; the stream
   * authenticates each chunk before release and checks the SHA-256 at the end, and a fault is logged
   * and recorded in custody as a failed verification.
   */
  async function download(actor: Actor, key: string, id: string) {
    const { incident, item, keyId } = await visibleItem(actor, key, id);
    // Opened (key and file checked) before the access is logged; read only once the response pulls.
    const stream = await blobs.read(keyId, item.sha256);
    stream.once('error', (err) => void recordFailure(actor, incident, { item, keyId }, err, 'download'));
    await transaction(db, async (tx, onCommit) => {
      await custody(tx, actor, { item, keyId }, 'accessed', { via: 'download' });
      changed(onCommit, incident);
    });
    return { item, stream };
  }

  async function recordFailure(
    actor: Actor,
    incident: Incident,
    { item, keyId }: { item: EvidenceItem; keyId: string },
    err: Error,
    via: string,
  ) {
    log.error(
      { err, evidenceId: item.id, incident: incident.key, via },
      'evidence failed its integrity check',
    );
    try {
      await transaction(db, async (tx, onCommit) => {
        await custody(tx, actor, { item, keyId }, 'verified', { ok: false, via, reason: err.message });
        changed(onCommit, incident);
      });
    } catch (recordErr) {
      log.error({ err: recordErr, evidenceId: item.id }, 'could not record the failed verification');
    }
  }

  /** Re-checks the custody chain and re-hashes the stored file; the outcome joins the chain either way. */
  async function verify(actor: Actor, key: string, id: string): Promise<EvidenceVerification> {
    const { incident, item, keyId } = await visibleItem(actor, key, id);
    const entries = await store.custody(db, item.id);
    const broken = checkCustodyChain(item.id, entries);
    if (broken) {
      const err = new DomainError(
        'integrity',
        'custody_chain_broken',
        `The chain of custody is broken: ${broken.reason}`,
      );
      await recordFailure(actor, incident, { item, keyId }, err, 'verify');
      throw err;
    }
    let sums: { sha256: string; sha1: string; md5: string; size: number };
    try {
      sums = await rehash(await blobs.read(keyId, item.sha256));
      if (sums.sha1 !== item.sha1 || sums.md5 !== item.md5 || sums.size !== item.size)
        throw new DomainError(
          'integrity',
          'blob_integrity_failed',
          'The stored file no longer matches its recorded digests',
        );
    } catch (err) {
      if (err instanceof DomainError && err.kind === 'integrity')
        await recordFailure(actor, incident, { item, keyId }, err, 'verify');
      throw err;
    }
    const result = {
      ok: true as const,
      chain: { entries: entries.length + 1 },
      ...sums,
      at: now().toISOString(),
    };
    await transaction(db, async (tx, onCommit) => {
      await custody(tx, actor, { item, keyId }, 'verified', {
        ok: true,
        via: 'verify',
        sha1: sums.sha1,
        md5: sums.md5,
      });
      changed(onCommit, incident);
    });
    return result;
  }

  return { upload, list, custodyLog, recordTransfer, download, verify };
}

export type EvidenceService = ReturnType<typeof createEvidenceService>;
