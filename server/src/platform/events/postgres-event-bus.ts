import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import type { Logger } from 'pino';
import type { Db } from '../db/database.ts';
import { EVENTS_RESYNC, LocalFanout, stamp, type BusEvent, type EventBus } from './event-bus.ts';

const CHANNEL = 'firebreak_events';
// PostgreSQL rejects NOTIFY payloads of 8000 bytes or more; the margin covers a non-UTF-8 server encoding.
const MAX_PAYLOAD_BYTES = 7500;
// Notifications per statement (each at most MAX_PAYLOAD_BYTES).
const NOTIFY_BATCH = 500;
const MIN_RECONNECT_MS = 250;
const MAX_RECONNECT_MS = 30_000;
const PING_MS = 30_000;

/** What travels through NOTIFY: the event and the bus it came from, so that bus can skip its own. */
interface Notification {
  origin: string;
  event: BusEvent;
}

/**
 * The NOTIFY payload. An event too large travels with `data: { truncated: true }`: live events are
 * hints to refetch (features publish ids and keys), so a client loses nothing it cannot reload, and no
 * table of event bodies has to be written and purged. Undefined when even that does not fit.
 */
export function encodeNotification(origin: string, event: BusEvent): string | undefined {
  const full = JSON.stringify({ origin, event } satisfies Notification);
  if (Buffer.byteLength(full) <= MAX_PAYLOAD_BYTES) return full;
  const slim = JSON.stringify({
    origin,
    event: { ...event, data: { truncated: true } },
  } satisfies Notification);
  return Buffer.byteLength(slim) <= MAX_PAYLOAD_BYTES ? slim : undefined;
}

/**
 * Multi-node bus: every node LISTENs on one channel through a dedicated connection. A publishing node
 * delivers to its own subscribers at once (full data, even while its listener reconnects) and skips
 * the copy PostgreSQL echoes back; every other node delivers the NOTIFY. Each subscriber sees an event once.
 */
export async function createPostgresEventBus(
  url: string,
  db: Db,
  log: Logger,
  now: () => Date = () => new Date(),
): Promise<EventBus> {
  const origin = randomUUID();
  const fanout = new LocalFanout();
  let closed = false;

  function receive(payload: string): void {
    try {
      const { origin: from, event } = JSON.parse(payload) as Notification;
      if (from !== origin) fanout.deliver(event);
    } catch (err) {
      log.warn({ err }, 'unreadable live event');
    }
  }

  // Events published while a NOTIFY is under way go out together in one statement: a committed batch
  // of 1,000 reports publishes 1,000 events, and a round trip each held up the next commit.
  const outbox: { payload: string; sent: () => void }[] = [];
  let sending = false;
  async function sendOutbox(): Promise<void> {
    sending = true;
    while (outbox.length) {
      const batch = outbox.splice(0, NOTIFY_BATCH);
      try {
        const payloads = batch.map((b) => b.payload);
        await sql`SELECT pg_notify(${CHANNEL}, p) FROM unnest(${payloads}::text[]) AS p`.execute(db);
      } catch (err) {
        log.warn({ err, events: batch.length }, 'live events not sent to other nodes');
      }
      for (const b of batch) b.sent();
    }
    sending = false;
  }

  const listener = await listen(url, log, {
    onPayload: receive,
    onReconnected: () => fanout.deliver(stamp({ type: EVENTS_RESYNC, data: {} }, now)),
  });

  return {
    async publish(event) {
      if (closed) return;
      const full = stamp(event, now);
      fanout.deliver(full);
      const payload = encodeNotification(origin, full);
      if (!payload) {
        log.error({ type: event.type }, 'live event too large to notify other nodes, even without its data');
        return;
      }
      return new Promise<void>((sent) => {
        outbox.push({ payload, sent });
        if (!sending) void sendOutbox();
      });
    },
    subscribe: (l) => fanout.subscribe(l),
    async close() {
      closed = true;
      fanout.clear();
      await listener.close();
    },
  };
}

interface ListenHooks {
  onPayload(payload: string): void;
  onReconnected(): void;
}

/** A dedicated connection LISTENing on the channel; after a loss it reconnects with capped, jittered back-off. */
async function listen(url: string, log: Logger, hooks: ListenHooks): Promise<{ close(): Promise<void> }> {
  let current: pg.Client | undefined;
  let closed = false;
  let retryMs = MIN_RECONNECT_MS;
  let retry: NodeJS.Timeout | undefined;
  let ping: NodeJS.Timeout | undefined;

  async function connect(): Promise<pg.Client> {
    const c = new pg.Client({
      connectionString: url,
      application_name: 'firebreak-events',
      keepAlive: true,
      query_timeout: 10_000,
    });
    c.on('notification', (m) => m.channel === CHANNEL && m.payload && hooks.onPayload(m.payload));
    c.on('error', (err) => lost(c, err));
    c.on('end', () => lost(c));
    try {
      await c.connect();
      await c.query(`LISTEN ${CHANNEL}`);
      return c;
    } catch (err) {
      void c.end().catch(() => undefined);
      throw err;
    }
  }

  function adopt(c: pg.Client): void {
    current = c;
    // A half-open connection (failover, a dropped NAT entry) raises no error until something is sent.
    ping = setInterval(() => void c.query('SELECT 1').catch((err: Error) => lost(c, err)), PING_MS);
    ping.unref();
  }

  /** Both 'error' and 'end' arrive for one loss; only the current connection's first one counts. */
  function lost(c: pg.Client, err?: Error): void {
    if (c !== current || closed) return;
    current = undefined;
    clearInterval(ping);
    log.warn({ err }, 'live events connection lost; reconnecting');
    void c.end().catch(() => undefined);
    reconnectLater();
  }

  function reconnectLater(): void {
    // Jitter: after a PostgreSQL restart, the nodes do not all reconnect in the same instant.
    retry = setTimeout(() => void reconnect(), retryMs * (0.5 + Math.random() / 2));
    retry.unref();
  }

  async function reconnect(): Promise<void> {
    try {
      const c = await connect();
      if (closed) return void c.end().catch(() => undefined);
      adopt(c);
      retryMs = MIN_RECONNECT_MS;
      log.info('live events reconnected');
      hooks.onReconnected();
    } catch (err) {
      retryMs = Math.min(retryMs * 2, MAX_RECONNECT_MS);
      log.warn({ err, retryMs }, 'live events reconnect failed');
      if (!closed) reconnectLater();
    }
  }

  adopt(await connect());
  return {
    async close() {
      closed = true;
      clearTimeout(retry);
      clearInterval(ping);
      await current?.end().catch(() => undefined);
      current = undefined;
    },
  };
}
