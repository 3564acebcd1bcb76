import { z } from 'zod';
import { IdParam } from '#contracts/common.ts';
import { KeyParam } from '#contracts/incidents.ts';
import {
  LegalHold,
  RetentionPolicy,
  RetentionPolicyInput,
  RetentionPreview,
  RetentionRunResult,
  SetLegalHold,
  Tombstone,
  UpdateRetentionPolicy,
} from '#contracts/retention.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import { actorOf } from '../../platform/http/auth.ts';
import type { RetentionService } from './retention.service.ts';

const tags = ['retention'];

export function retentionRoutes(app: ZodApp, retention: RetentionService): void {
  app.get(
    '/api/v1/retention/policies',
    {
      schema: {
        tags,
        summary: 'Retention policies (lead or admin)',
        response: { 200: z.object({ items: z.array(RetentionPolicy) }) },
      },
    },
    async (request) => ({ items: await retention.listPolicies(actorOf(request)) }),
  );

  app.post(
    '/api/v1/retention/policies',
    {
      schema: {
        tags,
        summary: 'Add a retention policy (admin)',
        body: RetentionPolicyInput,
        response: { 201: RetentionPolicy },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await retention.createPolicy(actorOf(request), request.body)),
  );

  app.put(
    '/api/v1/retention/policies/:id',
    {
      schema: {
        tags,
        summary: 'Change a retention policy at the version loaded (admin)',
        params: IdParam,
        body: UpdateRetentionPolicy,
        response: { 200: RetentionPolicy },
      },
    },
    (request) => retention.updatePolicy(actorOf(request), request.params.id, request.body),
  );

  app.delete(
    '/api/v1/retention/policies/:id',
    { schema: { tags, summary: 'Delete a retention policy (admin)', params: IdParam } },
    async (request, reply) => {
      await retention.removePolicy(actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/retention/preview',
    {
      schema: {
        tags,
        summary: 'Dry run: what a retention run now would archive, destroy or skip (legal hold), and why',
        response: { 200: RetentionPreview },
      },
    },
    (request) => retention.preview(actorOf(request)),
  );

  app.post(
    '/api/v1/retention/run',
    {
      schema: {
        tags,
        summary: 'Run retention now (admin): archive and destroy what is due',
        response: { 200: RetentionRunResult },
      },
    },
    (request) => retention.run(actorOf(request)),
  );

  app.get(
    '/api/v1/retention/tombstones',
    {
      schema: {
        tags,
        summary: 'Destroyed incidents, newest first (admin)',
        response: { 200: z.object({ items: z.array(Tombstone) }) },
      },
    },
    async (request) => ({ items: await retention.tombstones(actorOf(request)) }),
  );

  app.get(
    '/api/v1/retention/tombstones/:key',
    {
      schema: {
        tags,
        summary: 'What is left of a destroyed incident',
        params: KeyParam,
        response: { 200: Tombstone },
      },
    },
    (request) => retention.tombstone(actorOf(request), request.params.key),
  );

  app.get(
    '/api/v1/incidents/:key/legal-hold',
    {
      schema: {
        tags,
        summary: "The incident's legal hold and archive state",
        params: KeyParam,
        response: { 200: LegalHold },
      },
    },
    (request) => retention.getHold(actorOf(request), request.params.key),
  );

  app.put(
    '/api/v1/incidents/:key/legal-hold',
    {
      schema: {
        tags,
        summary:
          'Set or clear the legal hold (lead or admin), with a reason; a held incident is never destroyed',
        params: KeyParam,
        body: SetLegalHold,
        response: { 200: LegalHold },
      },
    },
    (request) => retention.setHold(actorOf(request), request.params.key, request.body),
  );
}
