import { z } from 'zod';
import { IdParam } from '#contracts/common.ts';
import {
  CorrelationRule,
  CorrelationRuleInput,
  CorrelationRuleUpdate,
} from '#contracts/correlation-rules.ts';
import { actorOf } from '../../platform/http/auth.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import type { CorrelationRuleService } from './correlation-rule.service.ts';

const tags = ['correlation'];
const path = '/api/v1/correlation-rules';

export function correlationRuleRoutes(app: ZodApp, rules: CorrelationRuleService): void {
  app.get(
    path,
    {
      schema: {
        tags,
        summary: 'Correlation rules, in the order they apply (admin)',
        response: { 200: z.object({ items: z.array(CorrelationRule) }) },
      },
    },
    async (request) => ({ items: await rules.list(actorOf(request)) }),
  );

  app.post(
    path,
    {
      schema: {
        tags,
        summary: 'Create a rule that links new reports to open incidents by itself (admin)',
        body: CorrelationRuleInput,
        response: { 201: CorrelationRule },
      },
    },
    async (request, reply) => reply.status(201).send(await rules.create(actorOf(request), request.body)),
  );

  app.put(
    `${path}/:id`,
    {
      schema: {
        tags,
        summary: 'Replace a rule at the version you saw (admin); it applies to reports that come after',
        params: IdParam,
        body: CorrelationRuleUpdate,
        response: { 200: CorrelationRule },
      },
    },
    (request) => rules.update(actorOf(request), request.params.id, request.body),
  );

  app.delete(
    `${path}/:id`,
    {
      schema: { tags, summary: 'Delete a rule (admin)', params: IdParam, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await rules.remove(actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
