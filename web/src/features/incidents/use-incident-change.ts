import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type {
  Assign,
  Classify,
  Incident,
  LinkReports,
  MergeIncidents,
  RelateIncident,
  Transition,
  UpdateIncident,
  Verify,
} from '#contracts/incidents.ts';
import { api, ApiError, type Method } from '../../lib/api-client.ts';
import { incidentKeys, incidentPath } from './incident-queries.ts';
import { rememberOwnVersion, versionToSend } from './incident-versions.ts';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export type IncidentChange =
  | { action: 'update'; body: Omit<UpdateIncident, 'version'> }
  | { action: 'transition'; body: Omit<Transition, 'version'> }
  | { action: 'classify'; body: Omit<Classify, 'version'> }
  | { action: 'verify'; body: DistributiveOmit<Verify, 'version'> }
  | { action: 'take' }
  | { action: 'assign'; body: Omit<Assign, 'version'> }
  | { action: 'autoAssign' }
  | { action: 'merge'; body: Omit<MergeIncidents, 'version'> }
  | { action: 'relate'; body: Omit<RelateIncident, 'version'> }
  | { action: 'unrelate'; relatedKey: string }
  | { action: 'linkReports'; body: Omit<LinkReports, 'version'> };

/** Method, path below the incident, and body (without the version) of a change. */
function request(change: IncidentChange): [Method, string, object] {
  switch (change.action) {
    case 'update':
      return ['PATCH', '', change.body];
    case 'transition':
      return ['POST', '/transition', change.body];
    case 'classify':
      return ['POST', '/classification', change.body];
    case 'verify':
      return ['POST', '/verify', change.body];
    case 'take':
      return ['POST', '/take', {}];
    case 'assign':
      return ['POST', '/assignment', change.body];
    case 'autoAssign':
      return ['POST', '/auto-assign', {}];
    case 'merge':
      return ['POST', '/merge', change.body];
    case 'relate':
      return ['POST', '/relations', change.body];
    case 'unrelate':
      return ['DELETE', `/relations/${encodeURIComponent(change.relatedKey)}`, {}];
    case 'linkReports':
      return ['POST', '/reports', change.body];
  }
}

/** The incident as the server holds it now, when a refusal carries it (409 `stale_version`, `already_taken`). */
export function currentOf(error: unknown): Incident | null {
  if (!(error instanceof ApiError)) return null;
  return (error.problem as { current?: Incident }).current ?? null;
}

/** The incident `key` as it is now, when the server refused a stale version of it (409 `stale_version`). */
export function conflictOf(error: unknown, key?: string): Incident | null {
  if (!(error instanceof ApiError) || error.problem.code !== 'stale_version') return null;
  const current = currentOf(error);
  // A merge names its sources' versions too: a stale source is not a conflict on this incident.
  return current && (key === undefined || current.key === key) ? current : null;
}

/**
 * Sends one change of an incident with the version the user's input was made on. A stale version is
 * refused by the server; `conflict` then holds both sides and `reapply` sends the input again on top
 * of the current state, only when the user asks for it. Other refusals that carry the current state
 * (someone took the incident first) show it at once: there is no input of the user's to keep.
 */
export function useIncidentChange(onSaved?: (incident: Incident) => void) {
  const client = useQueryClient();
  const [attempt, setAttempt] = useState<{ change: IncidentChange; base: Incident } | null>(null);
  const mutation = useMutation({
    mutationFn: ({ change, key, version }: { change: IncidentChange; key: string; version: number }) => {
      const [method, suffix, body] = request(change);
      return api<Incident>(method, `${incidentPath(key)}${suffix}`, { ...body, version });
    },
    onSuccess: (incident) => {
      rememberOwnVersion(incident.key, incident.version);
      client.setQueryData(incidentKeys.one(incident.key), incident);
      void client.invalidateQueries({ queryKey: incidentKeys.timeline(incident.key) });
      void client.invalidateQueries({ queryKey: incidentKeys.lists });
      onSaved?.(incident);
    },
    onError: (error, { key }) => {
      const current = currentOf(error);
      if (current?.key === key && !conflictOf(error)) {
        client.setQueryData(incidentKeys.one(key), current);
        void client.invalidateQueries({ queryKey: incidentKeys.lists });
      }
    },
  });
  const current = attempt ? conflictOf(mutation.error, attempt.base.key) : null;

  const send = (change: IncidentChange, base: Incident, version: number) => {
    setAttempt({ change, base });
    mutation.mutate({ change, key: base.key, version });
  };

  return {
    /** Sends `change`, made by the user while looking at `base`. */
    submit(change: IncidentChange, base: Incident) {
      const latest = client.getQueryData<Incident>(incidentKeys.one(base.key)) ?? base;
      send(change, base, versionToSend(base, latest));
    },
    /** The refused change, both sides of it, and the change itself (to send it again as it was). */
    conflict: current && attempt ? { base: attempt.base, current, change: attempt.change } : null,
    /** Shows the current state and sends the user's input (the last, or an edited one) on top of it. */
    reapply(change?: IncidentChange) {
      if (!current || !attempt) return;
      client.setQueryData(incidentKeys.one(current.key), current);
      send(change ?? attempt.change, current, current.version);
    },
    /** Drops the user's change and shows the current state. */
    discard() {
      if (current) client.setQueryData(incidentKeys.one(current.key), current);
      if (attempt) void client.invalidateQueries({ queryKey: incidentKeys.timeline(attempt.base.key) });
      mutation.reset();
    },
    /** Any failure other than a conflict, for an ErrorAlert. */
    error: current ? null : mutation.error,
    pending: mutation.isPending,
    /** The change last sent, to map a refusal's field errors back onto what was sent. */
    sent: mutation.variables?.change ?? null,
    /** The action being sent, so a group of buttons can show which one is busy. */
    sending: mutation.isPending ? (attempt?.change.action ?? null) : null,
    reset: mutation.reset,
  };
}

export type IncidentChangeHandle = ReturnType<typeof useIncidentChange>;
