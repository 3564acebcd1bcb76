import { z } from 'zod';
import { IdParam } from '#contracts/common.ts';
import { Playbook, PlaybookInput, UpdatePlaybook } from '#contracts/playbooks.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import { actorOf } from '../../platform/http/auth.ts';
import type { PlaybookService } from './playbook.service.ts';

const tags = ['playbooks'];

export function playbookRoutes(app: ZodApp, playbooks: PlaybookService): void {
  app.get(
    '/api/v1/playbooks',
    {
      schema: {
        tags,
        summary: 'Playbooks: checklists per taxonomy type or class (handler)',
        response: { 200: z.object({ items: z.array(Playbook) }) },
      },
    },
    async (request) => ({ items: await playbooks.list(actorOf(request)) }),
  );

  app.get(
    '/api/v1/playbooks/:id',
    { schema: { tags, summary: 'One playbook (handler)', params: IdParam, response: { 200: Playbook } } },
    (request) => playbooks.get(actorOf(request), request.params.id),
  );

  app.post(
    '/api/v1/playbooks',
    {
      schema: {
        tags,
        summary: 'Create a playbook (admin)',
        body: PlaybookInput,
        response: { 201: Playbook },
      },
    },
    async (request, reply) => reply.status(201).send(await playbooks.create(actorOf(request), request.body)),
  );

  app.put(
    '/api/v1/playbooks/:id',
    {
      schema: {
        tags,
        summary: 'Replace a playbook; send the version you loaded (admin)',
        params: IdParam,
        body: UpdatePlaybook,
        response: { 200: Playbook },
      },
    },
    (request) => playbooks.update(actorOf(request), request.params.id, request.body),
  );

  app.delete(
    '/api/v1/playbooks/:id',
    { schema: { tags, summary: 'Delete a playbook; tasks it created stay (admin)', params: IdParam } },
    async (request, reply) => {
      await playbooks.remove(actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );
}
