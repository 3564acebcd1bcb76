import { z } from 'zod';
import { KeyParam } from '#contracts/incidents.ts';
import {
  DeleteFollowUp,
  Improvement,
  ImprovementBoardQuery,
  NewImprovement,
  NewRemediation,
  OPEN_REMEDIATION,
  Remediation,
  RemediationListQuery,
  UpdateImprovement,
  UpdateRemediation,
} from '#contracts/lessons.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import { actorOf } from '../../platform/http/auth.ts';
import type { FollowUpService } from './follow-up.service.ts';

const ItemParams = KeyParam.extend({ id: z.string().min(1).max(100) });

/** The same CRUD for both kinds of follow-up, under `/api/v1/incidents/{key}/<path>`. */
function crud(
  app: ZodApp,
  path: string,
  service: FollowUpService<Improvement | Remediation>,
  schemas: {
    item: z.ZodType<Improvement | Remediation>;
    create: z.ZodType<NewImprovement | NewRemediation, unknown>;
    update: z.ZodType<UpdateImprovement | UpdateRemediation, unknown>;
  },
) {
  const tags = [path];
  const base = `/api/v1/incidents/:key/${path}`;
  app.get(
    base,
    {
      schema: {
        tags,
        summary: `The incident's ${path}, due soonest first`,
        params: KeyParam,
        response: { 200: z.object({ items: z.array(schemas.item) }) },
      },
    },
    async (request) => ({ items: await service.list(actorOf(request), request.params.key) }),
  );
  app.post(
    base,
    {
      schema: {
        tags,
        summary: `Add to the incident's ${path}`,
        params: KeyParam,
        body: schemas.create,
        response: { 201: schemas.item },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.add(actorOf(request), request.params.key, request.body)),
  );
  app.patch(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: 'Edit at the version you loaded (a stale one gets 409 with the current item)',
        params: ItemParams,
        body: schemas.update,
        response: { 200: schemas.item },
      },
    },
    (request) => service.edit(actorOf(request), request.params.key, request.params.id, request.body),
  );
  app.delete(
    `${base}/:id`,
    {
      schema: { tags, summary: 'Delete at the version you loaded', params: ItemParams, body: DeleteFollowUp },
    },
    async (request, reply) => {
      await service.remove(actorOf(request), request.params.key, request.params.id, request.body.version);
      return reply.status(204).send();
    },
  );
}

export function followUpRoutes(
  app: ZodApp,
  services: { improvements: FollowUpService<Improvement>; remediations: FollowUpService<Remediation> },
): void {
  crud(app, 'improvements', services.improvements, {
    item: Improvement,
    create: NewImprovement,
    update: UpdateImprovement,
  });
  crud(app, 'remediations', services.remediations, {
    item: Remediation,
    create: NewRemediation,
    update: UpdateRemediation,
  });

  app.get(
    '/api/v1/improvements',
    {
      schema: {
        tags: ['improvements'],
        summary: 'The board of improvement proposals across the incidents you may see',
        querystring: ImprovementBoardQuery,
        response: { 200: z.object({ items: z.array(Improvement) }) },
      },
    },
    async (request) => ({
      items: await services.improvements.board(actorOf(request), {
        ...(request.query.status ? { statuses: [request.query.status] } : {}),
        ...(request.query.owner ? { ownerId: request.query.owner } : {}),
      }),
    }),
  );

  app.get(
    '/api/v1/remediations',
    {
      schema: {
        tags: ['remediations'],
        summary: 'Remediation items across the incidents you may see; open=true keeps those still to do',
        querystring: RemediationListQuery,
        response: { 200: z.object({ items: z.array(Remediation) }) },
      },
    },
    async (request) => ({
      items: await services.remediations.board(
        actorOf(request),
        request.query.open === 'true' ? { statuses: OPEN_REMEDIATION } : {},
      ),
    }),
  );
}
