import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Role } from '#contracts/identity.ts';
import { constituencyAllowed, hasRole, type Actor } from '../auth/actor.ts';

/** Who may receive an event; every condition given must hold. No audience: every signed-in user. */
export interface Audience {
  userIds?: string[];
  minRole?: Role;
  /** The event concerns data of this constituency (null: not yet attributed); scope decides. */
  constituencyId?: string | null;
}

export interface BusEvent {
  id: string;
  type: string;
  at: string;
  data: Record<string, unknown>;
  audience?: Audience;
}

export type NewEvent = Pick<BusEvent, 'type' | 'data' | 'audience'>;
export type Listener = (event: BusEvent) => void;

/**
 * Sent to this node's subscribers after the bus reconnected to PostgreSQL: events published while it was
 * disconnected are lost (NOTIFY is not stored), so clients should refetch what they show.
 */
export const EVENTS_RESYNC = 'events.resync';

/** Live events for the UI: publish after commit, subscribe per SSE connection. */
export interface EventBus {
  /**
   * Delivers the event to every subscriber on every node, each exactly once. Best effort: it never
   * rejects, since it runs after a commit and the change must not be reported as failed.
   */
  publish(event: NewEvent): Promise<void>;
  /** Returns the function that unsubscribes. */
  subscribe(listener: Listener): () => void;
  /** Stops listening and drops every subscriber; publishing afterwards does nothing. */
  close(): Promise<void>;
}

export function stamp(event: NewEvent, now: () => Date = () => new Date()): BusEvent {
  return { id: randomUUID(), at: now().toISOString(), ...event };
}

export function visibleTo(actor: Actor, audience: Audience | undefined): boolean {
  if (!audience) return true;
  if (audience.userIds && (!actor.id || !audience.userIds.includes(actor.id))) return false;
  if (audience.minRole && !hasRole(actor, audience.minRole)) return false;
  if (audience.constituencyId !== undefined && !constituencyAllowed(actor.scope, audience.constituencyId))
    return false;
  return true;
}

/** Fan-out to this process's subscribers; one listener's failure never reaches the others. */
export class LocalFanout {
  readonly #emitter = new EventEmitter().setMaxListeners(0);

  deliver(event: BusEvent): void {
    this.#emitter.emit('event', event);
  }

  subscribe(listener: Listener): () => void {
    const safe: Listener = (e) => {
      try {
        listener(e);
      } catch {
        // a broken SSE connection is cleaned up by its own close handler
      }
    };
    this.#emitter.on('event', safe);
    return () => this.#emitter.off('event', safe);
  }

  clear(): void {
    this.#emitter.removeAllListeners();
  }
}

/** Single-node bus (SQLite): events stay in this process. */
export function createLocalEventBus(now?: () => Date): EventBus {
  const fanout = new LocalFanout();
  let closed = false;
  return {
    publish(event) {
      if (!closed) fanout.deliver(stamp(event, now));
      return Promise.resolve();
    },
    subscribe: (listener) => fanout.subscribe(listener),
    close() {
      closed = true;
      fanout.clear();
      return Promise.resolve();
    },
  };
}
