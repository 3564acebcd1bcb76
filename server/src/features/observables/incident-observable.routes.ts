import { z } from 'zod';
import { IdParam } from '#contracts/common.ts';
import {
  Blocklist,
  BlocklistInput,
  EnrichRequest,
  EnrichResponse,
  IncidentObservableList,
  IncidentObservableParams,
  IncidentObservableUpdate,
  NewIncidentObservable,
  NewIncidentObservables,
  PasteObservables,
  PastePreview,
} from '#contracts/observables.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import { actorOf } from '../../platform/http/auth.ts';
import type { IncidentObservableService } from './incident-observable.service.ts';
import type { EnrichmentService } from './observable-enrichment.service.ts';
import type { BlocklistService } from './observable-blocklist.service.ts';

const tags = ['observables'];
const KeyParam = z.object({ key: z.string().min(1).max(64) });

export function incidentObservableRoutes(
  app: ZodApp,
  observables: IncidentObservableService,
  enrichment: EnrichmentService,
): void {
  const base = '/api/v1/incidents/:key/observables';
  app.get(
    base,
    {
      schema: {
        tags,
        summary:
          "The incident's observables merged with those of its reports, with sightings and cached enrichment",
        params: KeyParam,
        response: { 200: IncidentObservableList },
      },
    },
    async (request) => ({ items: await observables.list(actorOf(request), request.params.key) }),
  );

  app.post(
    base,
    {
      schema: {
        tags,
        summary: 'Add one observable',
        params: KeyParam,
        body: NewIncidentObservable,
        response: { 201: IncidentObservableList },
      },
    },
    async (request, reply) => {
      const items = await observables.add(actorOf(request), request.params.key, [request.body]);
      return reply.status(201).send({ items });
    },
  );

  app.post(
    `${base}/batch`,
    {
      // 5,000 observables with their tags pass the default 1 MB.
      bodyLimit: 16 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Add many observables at once (all or nothing), e.g. after a paste preview',
        params: KeyParam,
        body: NewIncidentObservables,
        response: { 201: IncidentObservableList },
      },
    },
    async (request, reply) => {
      const items = await observables.add(actorOf(request), request.params.key, request.body.items);
      return reply.status(201).send({ items });
    },
  );

  app.post(
    `${base}/extract`,
    {
      bodyLimit: 4 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Preview the observables in pasted text (nothing is written)',
        params: KeyParam,
        body: PasteObservables,
        response: { 200: PastePreview },
      },
    },
    (request) => observables.preview(actorOf(request), request.params.key, request.body),
  );

  app.patch(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: "Change an observable's tags, IOC flag or TLP",
        params: IncidentObservableParams,
        body: IncidentObservableUpdate,
        response: { 200: IncidentObservableList },
      },
    },
    async (request) => ({
      items: await observables.update(actorOf(request), request.params.key, request.params.id, request.body),
    }),
  );

  app.delete(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: 'Remove an observable',
        params: IncidentObservableParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await observables.remove(actorOf(request), request.params.key, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    `${base}/enrich`,
    {
      schema: {
        tags,
        summary:
          'Run the analyzers on some or all observables (fresh cached results are reused unless forced)',
        params: KeyParam,
        body: EnrichRequest,
        response: { 200: EnrichResponse },
      },
    },
    (request) => enrichment.enrich(actorOf(request), request.params.key, request.body),
  );
}

export function blocklistRoutes(app: ZodApp, blocklists: BlocklistService): void {
  app.get(
    '/api/v1/blocklists',
    {
      schema: {
        tags,
        summary: 'Local blocklists (admin)',
        response: { 200: z.object({ items: z.array(Blocklist) }) },
      },
    },
    async (request) => ({ items: await blocklists.list(actorOf(request)) }),
  );
  app.post(
    '/api/v1/blocklists',
    {
      // A list of 20 MB of lines (hundreds of thousands of entries) in one request.
      bodyLimit: 24 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Create a blocklist from pasted or uploaded lines (admin)',
        body: BlocklistInput,
        response: { 201: Blocklist },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await blocklists.save(actorOf(request), null, request.body)),
  );
  app.put(
    '/api/v1/blocklists/:id',
    {
      bodyLimit: 24 * 1024 * 1024,
      schema: {
        tags,
        summary: "Replace a blocklist's name, description and entries (admin)",
        params: IdParam,
        body: BlocklistInput,
        response: { 200: Blocklist },
      },
    },
    (request) => blocklists.save(actorOf(request), request.params.id, request.body),
  );
  app.delete(
    '/api/v1/blocklists/:id',
    { schema: { tags, summary: 'Delete a blocklist (admin)', params: IdParam, response: { 204: z.null() } } },
    async (request, reply) => {
      await blocklists.remove(actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
