import { IdParam } from '#contracts/common.ts';
import {
  ReportSuggestions,
  SuggestionCounts,
  SuggestionCountsQuery,
  SuggestionQuery,
} from '#contracts/correlation.ts';
import { actorOf } from '../../platform/http/auth.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import type { CorrelationService } from './correlation.service.ts';

const tags = ['reports'];

export function correlationRoutes(app: ZodApp, correlation: CorrelationService): void {
  app.get(
    '/api/v1/reports/:id/suggestions',
    {
      schema: {
        tags,
        summary:
          'Open incidents (items) and recent new or linked reports (reports) that share observables with the report',
        params: IdParam,
        querystring: SuggestionQuery,
        response: { 200: ReportSuggestions },
      },
    },
    (request) => correlation.suggestions(actorOf(request), request.params.id, request.query.days),
  );

  app.get(
    '/api/v1/reports/suggestion-counts',
    {
      schema: {
        tags,
        summary: 'For up to 200 reports: how many incidents and recent reports are suggested for each',
        querystring: SuggestionCountsQuery,
        response: { 200: SuggestionCounts },
      },
    },
    (request) => correlation.counts(actorOf(request), request.query.ids, request.query.days),
  );
}
