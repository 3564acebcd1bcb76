import { ExtractRequest, ExtractResponse } from '#contracts/observables.ts';
import { actorOf } from '../../platform/http/auth.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import { extractObservables } from './observable-extraction.rules.ts';

export function observableRoutes(app: ZodApp): void {
  app.post(
    '/api/v1/observables/extract',
    {
      schema: {
        tags: ['observables'],
        summary: 'Extract normalised observables from text (defanged forms too)',
        body: ExtractRequest,
        response: { 200: ExtractResponse },
      },
    },
    (request) => {
      actorOf(request);
      return { items: extractObservables(request.body.text) };
    },
  );
}
