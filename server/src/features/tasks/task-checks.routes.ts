import { z } from 'zod';
import { NewTaskCheck, TaskCheck, TaskCheckList, TaskCheckParams } from '#contracts/task-checks.ts';
import { TaskParams } from '#contracts/tasks.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import { actorOf } from '../../platform/http/auth.ts';
import type { TaskCheckService } from './task-checks.service.ts';

const tags = ['tasks'];
const path = '/api/v1/incidents/:key/tasks/:id/checks';

export function taskCheckRoutes(app: ZodApp, checks: TaskCheckService): void {
  app.get(
    path,
    {
      schema: {
        tags,
        summary: "The task's automatic checks with their last result",
        params: TaskParams,
        response: { 200: TaskCheckList },
      },
    },
    async (request) => ({
      items: await checks.list(actorOf(request), request.params.key, request.params.id),
    }),
  );

  app.post(
    path,
    {
      schema: {
        tags,
        summary:
          'Arm a check (observable_reappears, url_answers, url_content_changed, tcp_port_open); the job runs it every interval',
        params: TaskParams,
        body: NewTaskCheck,
        response: { 201: TaskCheck },
      },
    },
    async (request, reply) => {
      const check = await checks.add(actorOf(request), request.params.key, request.params.id, request.body);
      return reply.status(201).send(check);
    },
  );

  app.post(
    `${path}/:checkId/run`,
    {
      schema: {
        tags,
        summary: 'Run the check now; a pass verifies a done task, a fail reopens it',
        params: TaskCheckParams,
        response: { 200: TaskCheck },
      },
    },
    (request) => {
      const { key, id, checkId } = request.params;
      return checks.runNow(actorOf(request), key, id, checkId);
    },
  );

  app.delete(
    `${path}/:checkId`,
    {
      schema: { tags, summary: 'Remove a check', params: TaskCheckParams, response: { 204: z.null() } },
    },
    async (request, reply) => {
      const { key, id, checkId } = request.params;
      await checks.remove(actorOf(request), key, id, checkId);
      return reply.status(204).send(null);
    },
  );
}
