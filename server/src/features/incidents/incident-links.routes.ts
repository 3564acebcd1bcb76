import {
  Incident,
  KeyParam,
  LinkReports,
  MergeIncidents,
  RelateIncident,
  Take,
} from '#contracts/incidents.ts';
import { actorOf } from '../../platform/http/auth.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import type { IncidentLinksService } from './incident-links.service.ts';

// GET /api/v1/reports/:id/suggestions lives in features/correlation, with similar reports beside incidents.
const tags = ['incidents'];

export function incidentLinkRoutes(app: ZodApp, links: IncidentLinksService): void {
  app.post(
    '/api/v1/incidents/:key/reports',
    {
      schema: {
        tags,
        summary: 'Link further new reports to the incident',
        params: KeyParam,
        body: LinkReports,
        response: { 200: Incident },
      },
    },
    (request) => links.linkReports(actorOf(request), request.params.key, request.body),
  );

  app.post(
    '/api/v1/incidents/:key/merge',
    {
      schema: {
        tags,
        summary: 'Merge other incidents into this one; they are closed as duplicates pointing here',
        params: KeyParam,
        body: MergeIncidents,
        response: { 200: Incident },
      },
    },
    (request) => links.merge(actorOf(request), request.params.key, request.body),
  );

  app.post(
    '/api/v1/incidents/:key/relations',
    {
      schema: {
        tags,
        summary: 'Relate another incident to this one (both see the relation)',
        params: KeyParam,
        body: RelateIncident,
        response: { 200: Incident },
      },
    },
    (request) => links.relate(actorOf(request), request.params.key, request.body),
  );

  app.delete(
    '/api/v1/incidents/:key/relations/:relatedKey',
    {
      schema: {
        tags,
        summary: 'Remove a relation',
        params: KeyParam.extend({ relatedKey: KeyParam.shape.key }),
        body: Take,
        response: { 200: Incident },
      },
    },
    (request) =>
      links.unrelate(actorOf(request), request.params.key, request.params.relatedKey, request.body.version),
  );
}
