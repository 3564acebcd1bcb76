import type { BlobStore } from '../../platform/blobs/blob-store.ts';
import { sortableId } from '../../platform/crypto/secrets.ts';
import type { DatabaseHandle } from '../../platform/db/database.ts';
import type { EventBus } from '../../platform/events/index.ts';
import type { JobHandler } from '../../platform/jobs/index.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';
import { INCIDENT_CHANGED, type IncidentStore } from '../incidents/index.ts';
import type { CommunicationStore } from './communication.store.ts';

export const SEND_COMMUNICATION = 'communications.send';
/** Attempts over about half an hour of back-off before the message is marked failed. */
export const SEND_ATTEMPTS = 6;

interface Payload {
  communicationId: string;
  /** The bytes to send (PGP/MIME when encrypted), an encrypted blob under this data key. */
  keyId: string;
  sha256: string;
}

export interface SendJobDeps {
  handle: DatabaseHandle;
  blobs: BlobStore;
  events: EventBus;
  store: Pick<CommunicationStore, 'setStatus' | 'incidentRef'>;
  incidents: Pick<IncidentStore, 'addTimeline'>;
  mailer: Mailer | null;
  now: () => Date;
}

/** Sends a composed message through the relay; after the last failed attempt it is marked failed. */
export function communicationJobs(deps: SendJobDeps): JobHandler<Payload>[] {
  const { handle, blobs, events, store, incidents, mailer, now } = deps;
  const { db } = handle;

  async function changed(incidentId: string | null) {
    if (!incidentId) return;
    const incident = await store.incidentRef(db, incidentId);
    await events.publish({
      type: INCIDENT_CHANGED,
      data: { key: incident.key },
      audience: { constituencyId: incident.constituency_id },
    });
  }

  return [
    {
      kind: SEND_COMMUNICATION,
      async run(payload, ctx) {
        const c = await db
          .selectFrom('communications')
          .selectAll()
          .where('id', '=', payload.communicationId)
          .executeTakeFirst();
        if (!c || c.status === 'sent') return;
        try {
          if (!mailer)
            throw new Error('No mail relay is configured (FIREBREAK_MAIL_RELAY_URL, FIREBREAK_MAIL_FROM)');
          const bytes = await blobs.get(payload.keyId, payload.sha256);
          await mailer.sendRaw(JSON.parse(c.to_addresses) as string[], bytes);
        } catch (err) {
          if (ctx.attempt < SEND_ATTEMPTS) throw err;
          await db.transaction().execute(async (tx) => {
            await store.setStatus(tx, c.id, 'failed');
            if (c.incident_id)
              await incidents.addTimeline(tx, {
                id: sortableId(),
                incident_id: c.incident_id,
                at: now().toISOString(),
                actor: 'system:mail',
                kind: 'communication',
                text: `E-mail to ${(JSON.parse(c.to_addresses) as string[]).join(', ')} could not be sent: ${(err as Error).message}`,
                change: null,
                event_time: null,
                discovery_time: null,
              });
          });
          await changed(c.incident_id);
          throw err;
        }
        await store.setStatus(db, c.id, 'sent');
        await changed(c.incident_id);
        ctx.log.info({ communicationId: c.id }, 'message sent');
      },
      timeoutMs: 120_000,
    },
  ];
}
