import { z } from 'zod';
import {
  Classify,
  Incident,
  IncidentCounts,
  IncidentQuery,
  KeyParam,
  NewIncident,
  NewTimelineEntry,
  TimelineEntry,
  Transition,
  UpdateIncident,
} from '#contracts/incidents.ts';
import { actorOf } from '../../platform/http/auth.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import type { IncidentService } from './incident.service.ts';

const tags = ['incidents'];
const Timeline = z.object({ items: z.array(TimelineEntry) });

export function incidentRoutes(app: ZodApp, incidents: IncidentService): void {
  app.post(
    '/api/v1/incidents',
    {
      schema: {
        tags,
        summary: 'Open an incident, optionally from reports (handler)',
        body: NewIncident,
        response: { 201: Incident },
      },
    },
    async (request, reply) => reply.status(201).send(await incidents.open(actorOf(request), request.body)),
  );

  app.get(
    '/api/v1/incidents',
    {
      schema: {
        tags,
        summary: 'Incidents in your scope, newest first or (sort=queue) by priority and SLA due time',
        querystring: IncidentQuery,
        response: { 200: z.object({ items: z.array(Incident) }) },
      },
    },
    async (request) => {
      const { open, breached, ...rest } = request.query;
      return {
        items: await incidents.list(actorOf(request), {
          ...rest,
          open: open === undefined ? undefined : open === 'true',
          breached: breached === undefined ? undefined : breached === 'true',
        }),
      };
    },
  );

  app.get(
    '/api/v1/incidents/counts',
    {
      schema: {
        tags,
        summary: 'Counts per phase and open per priority, over the incidents in your scope',
        response: { 200: IncidentCounts },
      },
    },
    (request) => incidents.counts(actorOf(request)),
  );

  app.get(
    '/api/v1/incidents/:key',
    { schema: { tags, summary: 'One incident', params: KeyParam, response: { 200: Incident } } },
    (request) => incidents.get(actorOf(request), request.params.key),
  );

  app.patch(
    '/api/v1/incidents/:key',
    {
      schema: {
        tags,
        summary:
          'Change an incident; send the version you loaded (a stale one gets 409 with the current state)',
        params: KeyParam,
        body: UpdateIncident,
        response: { 200: Incident },
      },
    },
    (request) => incidents.update(actorOf(request), request.params.key, request.body),
  );

  app.post(
    '/api/v1/incidents/:key/transition',
    {
      schema: {
        tags,
        summary: 'Move to another phase; closing needs outcome and summary, reopening a reason',
        params: KeyParam,
        body: Transition,
        response: { 200: Incident },
      },
    },
    (request) => incidents.transition(actorOf(request), request.params.key, request.body),
  );

  app.post(
    '/api/v1/incidents/:key/classification',
    {
      schema: {
        tags,
        summary: 'Classify (initial, resolution or final stage) against the taxonomy',
        params: KeyParam,
        body: Classify,
        response: { 200: Incident },
      },
    },
    (request) => incidents.classify(actorOf(request), request.params.key, request.body),
  );

  app.get(
    '/api/v1/incidents/:key/timeline',
    {
      schema: {
        tags,
        summary: 'Everything that happened to the incident, oldest first',
        params: KeyParam,
        response: { 200: Timeline },
      },
    },
    async (request) => ({ items: await incidents.timeline(actorOf(request), request.params.key) }),
  );

  app.post(
    '/api/v1/incidents/:key/timeline',
    {
      schema: {
        tags,
        summary: 'Add a timeline entry with event and discovery time (handler)',
        params: KeyParam,
        body: NewTimelineEntry,
        response: { 201: Timeline },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send({ items: await incidents.addEntry(actorOf(request), request.params.key, request.body) }),
  );
}
