import { z } from 'zod';
import {
  NewCycle,
  NewTask,
  Task,
  TaskBoard,
  TaskDecision,
  TaskParams,
  TaskTransition,
  UpdateTask,
} from '#contracts/tasks.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import { actorOf } from '../../platform/http/auth.ts';
import type { TaskService } from './task.service.ts';

const tags = ['tasks'];
const KeyParam = z.object({ key: z.string().min(1).max(40) });

export function taskRoutes(app: ZodApp, tasks: TaskService): void {
  app.get(
    '/api/v1/incidents/:key/tasks',
    {
      schema: {
        tags,
        summary: "The incident's resolution cycles and their tasks",
        params: KeyParam,
        response: { 200: TaskBoard },
      },
    },
    (request) => tasks.board(actorOf(request), request.params.key),
  );

  app.post(
    '/api/v1/incidents/:key/tasks',
    {
      schema: {
        tags,
        summary: 'Add a task to the current cycle (handler)',
        params: KeyParam,
        body: NewTask,
        response: { 201: Task },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await tasks.create(actorOf(request), request.params.key, request.body)),
  );

  app.patch(
    '/api/v1/incidents/:key/tasks/:id',
    {
      schema: {
        tags,
        summary: 'Change a task; send the version you loaded (a stale one gets 409 with the current task)',
        params: TaskParams,
        body: UpdateTask,
        response: { 200: Task },
      },
    },
    (request) => tasks.update(actorOf(request), request.params.key, request.params.id, request.body),
  );

  app.post(
    '/api/v1/incidents/:key/tasks/:id/transition',
    {
      schema: {
        tags,
        summary:
          'Move a task along proposed → in_progress → done → verified (or cancelled); verifying needs method and note',
        params: TaskParams,
        body: TaskTransition,
        response: { 200: Task },
      },
    },
    (request) => tasks.transition(actorOf(request), request.params.key, request.params.id, request.body),
  );

  app.post(
    '/api/v1/incidents/:key/tasks/:id/approval',
    {
      schema: {
        tags,
        summary: 'Approve or reject a task, with a reason (lead, admin or designated approver)',
        params: TaskParams,
        body: TaskDecision,
        response: { 200: Task },
      },
    },
    (request) => tasks.decide(actorOf(request), request.params.key, request.params.id, request.body),
  );

  app.post(
    '/api/v1/incidents/:key/cycles',
    {
      schema: {
        tags,
        summary: 'Start the next resolution cycle; open tasks are carried over',
        params: KeyParam,
        body: NewCycle,
        response: { 201: TaskBoard },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await tasks.startCycle(actorOf(request), request.params.key, request.body)),
  );
}
