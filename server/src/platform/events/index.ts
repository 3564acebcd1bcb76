import type { Logger } from 'pino';
import type { DatabaseHandle } from '../db/database.ts';
import { createLocalEventBus, type EventBus } from './event-bus.ts';
import { createPostgresEventBus } from './postgres-event-bus.ts';

export {
  EVENTS_RESYNC,
  visibleTo,
  type Audience,
  type BusEvent,
  type EventBus,
  type Listener,
  type NewEvent,
} from './event-bus.ts';

/**
 * The bus for this database: in-process on SQLite, LISTEN/NOTIFY across nodes on PostgreSQL.
 * Publish after commit: `transaction(db, (tx, onCommit) => { …; onCommit(() => bus.publish(e)) })`.
 */
export function openEventBus(
  handle: DatabaseHandle,
  log: Logger,
  now: () => Date = () => new Date(),
): Promise<EventBus> {
  if (handle.dialect === 'postgres' && handle.url)
    return createPostgresEventBus(handle.url, handle.db, log, now);
  return Promise.resolve(createLocalEventBus(now));
}
