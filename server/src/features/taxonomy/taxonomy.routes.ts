import { z } from 'zod';
import { NewTaxonomyType, TaxonomyType } from '#contracts/taxonomy.ts';
import { actorOf } from '../../platform/http/auth.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import type { TaxonomyService } from './taxonomy.service.ts';

const tags = ['taxonomy'];

export function taxonomyRoutes(app: ZodApp, taxonomy: TaxonomyService): void {
  app.get(
    '/api/v1/taxonomy',
    {
      schema: {
        tags,
        summary: 'Incident types (ENISA RSIT and your own)',
        response: { 200: z.object({ items: z.array(TaxonomyType) }) },
      },
    },
    async (request) => {
      actorOf(request);
      return { items: await taxonomy.list() };
    },
  );

  app.post(
    '/api/v1/taxonomy',
    {
      schema: {
        tags,
        summary: 'Add an incident type (admin)',
        body: NewTaxonomyType,
        response: { 201: TaxonomyType },
      },
    },
    async (request, reply) => reply.status(201).send(await taxonomy.add(actorOf(request), request.body)),
  );
}
