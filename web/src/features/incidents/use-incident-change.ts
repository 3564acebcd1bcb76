import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Classify, Incident, Transition, UpdateIncident, Verify } from '#contracts/incidents.ts';
import { api, ApiError } from '../../lib/api-client.ts';
import { incidentKeys, incidentPath } from './incident-queries.ts';
import { rememberOwnVersion, versionToSend } from './incident-versions.ts';

export type IncidentChange =
  | { action: 'update'; body: Omit<UpdateIncident, 'version'> }
  | { action: 'transition'; body: Omit<Transition, 'version'> }
  | { action: 'classify'; body: Omit<Classify, 'version'> }
  | { action: 'verify'; body: DistributiveOmit<Verify, 'version'> };

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

const route = {
  update: ['PATCH', ''],
  transition: ['POST', '/transition'],
  classify: ['POST', '/classification'],
  verify: ['POST', '/verify'],
} as const;

/** The incident as it is now, when the server refused a stale version (409 `stale_version`). */
export function conflictOf(error: unknown): Incident | null {
  if (!(error instanceof ApiError) || error.problem.code !== 'stale_version') return null;
  return (error.problem as { current?: Incident }).current ?? null;
}

/**
 * Sends one change of an incident with the version the user's input was made on. A stale version is
 * refused by the server; `conflict` then holds both sides and `reapply` sends the input again on top
 * of the current state, only when the user asks for it.
 */
export function useIncidentChange(key: string, onSaved?: (incident: Incident) => void) {
  const client = useQueryClient();
  const [attempt, setAttempt] = useState<{ change: IncidentChange; base: Incident } | null>(null);
  const mutation = useMutation({
    mutationFn: ({ change, version }: { change: IncidentChange; version: number }) => {
      const [method, suffix] = route[change.action];
      return api<Incident>(method, `${incidentPath(key)}${suffix}`, { ...change.body, version });
    },
    onSuccess: (incident) => {
      rememberOwnVersion(key, incident.version);
      client.setQueryData(incidentKeys.one(key), incident);
      void client.invalidateQueries({ queryKey: incidentKeys.timeline(key) });
      void client.invalidateQueries({ queryKey: incidentKeys.lists });
      onSaved?.(incident);
    },
  });
  const current = conflictOf(mutation.error);

  const send = (change: IncidentChange, base: Incident, version: number) => {
    setAttempt({ change, base });
    mutation.mutate({ change, version });
  };

  return {
    /** Sends `change`, made by the user while looking at `base`. */
    submit(change: IncidentChange, base: Incident) {
      const latest = client.getQueryData<Incident>(incidentKeys.one(key)) ?? base;
      send(change, base, versionToSend(base, latest));
    },
    conflict: current && attempt ? { base: attempt.base, current } : null,
    /** Shows the current state and sends the user's input (the last, or an edited one) on top of it. */
    reapply(change?: IncidentChange) {
      if (!current || !attempt) return;
      client.setQueryData(incidentKeys.one(key), current);
      send(change ?? attempt.change, current, current.version);
    },
    /** Drops the user's change and shows the current state. */
    discard() {
      if (current) client.setQueryData(incidentKeys.one(key), current);
      void client.invalidateQueries({ queryKey: incidentKeys.timeline(key) });
      mutation.reset();
    },
    /** Any failure other than a conflict, for an ErrorAlert. */
    error: current ? null : mutation.error,
    pending: mutation.isPending,
    reset: mutation.reset,
  };
}

export type IncidentChangeHandle = ReturnType<typeof useIncidentChange>;
