import { SearchQuery, SearchResponse } from '#contracts/search.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import { actorOf } from '../../platform/http/auth.ts';
import type { SearchService } from './search.service.ts';

export function searchRoutes(app: ZodApp, search: SearchService): void {
  app.get(
    '/api/v1/search',
    {
      schema: {
        tags: ['search'],
        summary:
          'Search incidents (archive included), reports, notes, communications, tasks and observables, within your scope and TLP ceiling',
        querystring: SearchQuery,
        response: { 200: SearchResponse },
      },
    },
    async (request) => search.search(actorOf(request), request.query),
  );
}
