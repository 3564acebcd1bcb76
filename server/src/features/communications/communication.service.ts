import type { Communication } from '#contracts/communications.ts';
import type { AuditLog } from '../../platform/audit/audit-log.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { BlobStore } from '../../platform/blobs/blob-store.ts';
import { sortableId } from '../../platform/crypto/secrets.ts';
import type { DatabaseHandle, Tx } from '../../platform/db/database.ts';
import { transaction, type OnCommit } from '../../platform/db/transaction.ts';
import type { EventBus } from '../../platform/events/index.ts';
import { notFound } from '../../platform/http/domain-error.ts';
import { INCIDENT_CHANGED, type IncidentChanges, type IncidentStore } from '../incidents/index.ts';
import { REPORT_CHANGED, type ReportService } from '../reports/index.ts';
import type { CommunicationStore, ThreadTarget } from './communication.store.ts';

/** A message as it arrived, parsed. */
export interface InboundMessage {
  messageId: string | null;
  from: { name: string; address: string };
  to: string[];
  subject: string;
  body: string;
  rawSha256: string;
  /** Data key under which the raw message is stored as a blob. */
  rawKeyId: string | null;
  automated: boolean;
  at: string;
}

export interface CommunicationServiceDeps {
  handle: DatabaseHandle;
  audit: AuditLog;
  events: EventBus;
  store: CommunicationStore;
  incidents: Pick<IncidentStore, 'get'>;
  /** Timeline and audit through the incident's one recorder. */
  changes: Pick<IncidentChanges, 'recorder'>;
  reports: Pick<ReportService, 'get'>;
  blobs: BlobStore;
  now: () => Date;
}

export function createCommunicationService(deps: CommunicationServiceDeps) {
  const { handle, audit, events, store, incidents, changes, reports, blobs, now } = deps;

  /** Logs a received message on its thread: a timeline entry on the incident, or beside the report. */
  async function recordInbound(
    tx: Tx,
    onCommit: OnCommit,
    actor: Actor,
    target: ThreadTarget,
    message: InboundMessage,
  ): Promise<string> {
    const id = sortableId();
    const at = now().toISOString();
    await store.insert(tx, {
      id,
      incident_id: target.incidentId,
      report_id: target.incidentId ? null : target.reportId,
      direction: 'inbound',
      channel: 'email',
      message_id: message.messageId,
      from_address: message.from.address,
      from_name: message.from.name,
      to_addresses: JSON.stringify(message.to),
      subject: message.subject,
      body: message.body,
      raw_sha256: message.rawSha256,
      raw_key_id: message.rawKeyId,
      automated: message.automated ? 1 : 0,
      status: 'received',
      at: message.at,
      created_by: actor.label,
    });
    if (message.messageId) await store.rememberMessageId(tx, message.messageId, target, at);
    const data = { from: message.from.address, subject: message.subject, rawSha256: message.rawSha256 };
    if (target.incidentId) {
      const incident = await store.incidentRef(tx, target.incidentId);
      const text = `E-mail from ${message.from.address || 'an unknown sender'}: ${message.subject}`;
      await changes.recorder(tx, actor, incident)('communication', text, undefined, {
        action: 'communication.received',
        data,
      });
      onCommit(() =>
        events.publish({
          type: INCIDENT_CHANGED,
          data: { key: incident.key },
          audience: { constituencyId: incident.constituency_id },
        }),
      );
    } else if (target.reportId) {
      const reportId = target.reportId;
      const constituencyId = await store.reportConstituency(tx, reportId);
      await audit.record(tx, actor, {
        action: 'communication.received',
        targetType: 'report',
        targetId: reportId,
        // Not sealed (no incident key yet): the subject stays out, the hash names the message.
        data: { from: data.from, rawSha256: data.rawSha256 },
      });
      onCommit(() =>
        events.publish({ type: REPORT_CHANGED, data: { id: reportId }, audience: { constituencyId } }),
      );
    }
    return id;
  }

  /** Logs a message about to be sent, so that replies quoting its Message-ID thread back here. */
  async function recordOutbound(
    tx: Tx,
    actor: Actor,
    target: ThreadTarget,
    message: Omit<InboundMessage, 'rawSha256' | 'rawKeyId' | 'at'> & {
      messageId: string;
      /** The message as composed (before any encryption), kept as an encrypted blob. */
      raw?: { sha256: string; keyId: string };
      encrypted?: boolean;
    },
  ): Promise<string> {
    const id = sortableId();
    const at = now().toISOString();
    await store.insert(tx, {
      id,
      incident_id: target.incidentId,
      report_id: target.reportId,
      direction: 'outbound',
      channel: 'email',
      message_id: message.messageId,
      from_address: message.from.address,
      from_name: message.from.name,
      to_addresses: JSON.stringify(message.to),
      subject: message.subject,
      body: message.body,
      raw_sha256: message.raw?.sha256 ?? null,
      raw_key_id: message.raw?.keyId ?? null,
      automated: message.automated ? 1 : 0,
      encrypted: message.encrypted ? 1 : 0,
      status: 'queued',
      at,
      created_by: actor.label,
    });
    await store.rememberMessageId(tx, message.messageId, target, at);
    return id;
  }

  async function forIncident(actor: Actor, key: string): Promise<Communication[]> {
    const incident = await incidents.get(handle.db, actor.scope, key);
    if (!incident) throw notFound('Incident');
    return store.list(handle.db, { incidentId: incident.id });
  }

  /** Scoped like the report itself: reports.get answers 404 outside the actor's scope. */
  async function forReport(actor: Actor, reportId: string): Promise<Communication[]> {
    await reports.get(actor, reportId);
    return store.list(handle.db, { reportId });
  }

  /** A received message byte for byte, for whoever may see its incident or report; audited. */
  async function raw(actor: Actor, id: string): Promise<{ bytes: Buffer; filename: string }> {
    const row = await store.get(handle.db, id);
    if (!row) throw notFound('Communication');
    if (row.incident_id) {
      const { key } = await store.incidentRef(handle.db, row.incident_id);
      if (!(await incidents.get(handle.db, actor.scope, key))) throw notFound('Communication');
    } else if (row.report_id) await reports.get(actor, row.report_id);
    else throw notFound('Communication');
    if (!row.raw_key_id || !row.raw_sha256) throw notFound('The raw message');
    const bytes = await blobs.get(row.raw_key_id, row.raw_sha256);
    await transaction(handle.db, (tx) =>
      audit.record(tx, actor, {
        action: 'communication.raw_downloaded',
        targetType: 'communication',
        targetId: id,
        data: { sha256: row.raw_sha256, size: bytes.length },
      }),
    );
    return { bytes, filename: `message-${id}.eml` };
  }

  return { recordInbound, recordOutbound, forIncident, forReport, raw };
}

export type CommunicationService = ReturnType<typeof createCommunicationService>;
