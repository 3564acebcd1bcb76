import { z } from 'zod';
import { IdParam } from '#contracts/common.ts';
import {
  MessageTemplate,
  MessageTemplateInput,
  MessageTemplateUpdate,
} from '#contracts/message-templates.ts';
import { actorOf } from '../../platform/http/auth.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import type { MessageTemplateService } from './message-template.service.ts';

const tags = ['communications'];
const path = '/api/v1/message-templates';

export function messageTemplateRoutes(app: ZodApp, templates: MessageTemplateService): void {
  app.get(
    path,
    {
      schema: {
        tags,
        summary: 'Message templates per taxonomy type × audience × language',
        response: { 200: z.object({ items: z.array(MessageTemplate) }) },
      },
    },
    async (request) => ({ items: await templates.list(actorOf(request)) }),
  );

  app.post(
    path,
    {
      schema: {
        tags,
        summary: 'Create a template (admin); an unknown {{variable}} is refused',
        body: MessageTemplateInput,
        response: { 201: MessageTemplate },
      },
    },
    async (request, reply) => reply.status(201).send(await templates.create(actorOf(request), request.body)),
  );

  app.put(
    `${path}/:id`,
    {
      schema: {
        tags,
        summary: 'Replace a template at the version you saw (admin)',
        params: IdParam,
        body: MessageTemplateUpdate,
        response: { 200: MessageTemplate },
      },
    },
    (request) => templates.update(actorOf(request), request.params.id, request.body),
  );

  app.delete(
    `${path}/:id`,
    {
      schema: { tags, summary: 'Delete a template (admin)', params: IdParam, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await templates.remove(actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
