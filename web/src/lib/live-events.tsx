import { useQueryClient } from '@tanstack/react-query';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import type { LiveEvent } from '#contracts/system.ts';
import { api } from './api-client.ts';

export type LiveStatus = 'connecting' | 'live' | 'paused';
type Handler = (event: LiveEvent) => void;

interface LiveEventsValue {
  status: LiveStatus;
  subscribe: (type: string, handler: Handler) => () => void;
}

const LiveEventsContext = createContext<LiveEventsValue>({
  status: 'paused',
  subscribe: () => () => undefined,
});

const MAX_RETRY_MS = 30_000;

/**
 * One EventSource per signed-in tab. The browser retries a dropped stream by itself, but gives up for
 * good on an HTTP error (a proxy's 502 during a restart, a 401 after the session ended), so we start a
 * fresh one with backoff. Events missed while paused are not replayed: on reconnect every visible
 * query is refetched instead.
 */
export function LiveEventsProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const client = useQueryClient();
  const source = useRef<EventSource | null>(null);
  const handlers = useRef(new Map<string, Set<Handler>>());

  const attach = useCallback((es: EventSource, type: string) => {
    es.addEventListener(type, (e: MessageEvent<string>) => {
      let event: LiveEvent;
      try {
        event = JSON.parse(e.data) as LiveEvent;
      } catch {
        return;
      }
      for (const handler of handlers.current.get(type) ?? []) handler(event);
    });
  }, []);

  useEffect(() => {
    let retry: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    let wasLive = false;
    let stopped = false;

    const connect = () => {
      const es = new EventSource('/api/v1/events', { withCredentials: true });
      source.current = es;
      for (const type of handlers.current.keys()) attach(es, type);
      es.addEventListener('ready', () => {
        if (wasLive) void client.invalidateQueries();
        wasLive = true;
        attempt = 0;
        setStatus('live');
      });
      // The server lost its event feed for a while (database reconnect): what we hold may be stale.
      es.addEventListener('events.resync', () => void client.invalidateQueries());
      es.onerror = () => {
        setStatus('paused');
        if (es.readyState !== EventSource.CLOSED || stopped) return;
        // A 401 here means the session ended: asking /me lets the API client send the user to sign in.
        api('GET', '/api/v1/me').catch(() => undefined);
        const delay = Math.min(MAX_RETRY_MS, 1000 * 2 ** attempt++);
        retry = setTimeout(connect, delay);
      };
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(retry);
      source.current?.close();
      source.current = null;
    };
  }, [attach, client]);

  const subscribe = useCallback(
    (type: string, handler: Handler) => {
      let set = handlers.current.get(type);
      if (!set) {
        set = new Set();
        handlers.current.set(type, set);
        if (source.current) attach(source.current, type);
      }
      set.add(handler);
      return () => {
        set.delete(handler);
      };
    },
    [attach],
  );
  const value = useMemo(() => ({ status, subscribe }), [status, subscribe]);
  return <LiveEventsContext.Provider value={value}>{children}</LiveEventsContext.Provider>;
}

export function useLiveStatus(): LiveStatus {
  return useContext(LiveEventsContext).status;
}

/** Calls `handler` for every live event of `type` while the component is mounted. */
export function useLiveEvent(type: string, handler: Handler): void {
  const { subscribe } = useContext(LiveEventsContext);
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => subscribe(type, (e) => latest.current(e)), [subscribe, type]);
}
