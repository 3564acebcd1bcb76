import { z } from 'zod';
import { KeyParam } from '#contracts/incidents.ts';
import { Analysis, DeleteNote, NewNote, Note, PutAnalysis, UpdateNote } from '#contracts/notes.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import { actorOf } from '../../platform/http/auth.ts';
import type { NoteService } from './note.service.ts';

const tags = ['notes'];
const NoteParams = KeyParam.extend({ id: z.string().min(1).max(100) });

export function noteRoutes(app: ZodApp, notes: NoteService): void {
  app.get(
    '/api/v1/incidents/:key/notes',
    {
      schema: {
        tags,
        summary: "The incident's notes, oldest first (those marked above your TLP ceiling are left out)",
        params: KeyParam,
        response: { 200: z.object({ items: z.array(Note) }) },
      },
    },
    async (request) => ({ items: await notes.list(actorOf(request), request.params.key) }),
  );

  app.post(
    '/api/v1/incidents/:key/notes',
    {
      schema: {
        tags,
        summary: 'Add a Markdown note',
        params: KeyParam,
        body: NewNote,
        response: { 201: Note },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await notes.add(actorOf(request), request.params.key, request.body)),
  );

  app.patch(
    '/api/v1/incidents/:key/notes/:id',
    {
      schema: {
        tags,
        summary: 'Edit a note; send the version you loaded (a stale one gets 409 with the current note)',
        params: NoteParams,
        body: UpdateNote,
        response: { 200: Note },
      },
    },
    (request) => notes.edit(actorOf(request), request.params.key, request.params.id, request.body),
  );

  app.delete(
    '/api/v1/incidents/:key/notes/:id',
    {
      schema: {
        tags,
        summary: 'Delete a note (kept for the audit trail); by its author or a lead, at the version loaded',
        params: NoteParams,
        body: DeleteNote,
      },
    },
    async (request, reply) => {
      await notes.remove(actorOf(request), request.params.key, request.params.id, request.body.version);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/incidents/:key/analysis',
    {
      schema: {
        tags,
        summary: 'Root-cause analysis, affected assets and impact (version 0 until first saved)',
        params: KeyParam,
        response: { 200: Analysis },
      },
    },
    (request) => notes.analysis(actorOf(request), request.params.key),
  );

  app.put(
    '/api/v1/incidents/:key/analysis',
    {
      schema: {
        tags,
        summary: 'Save the whole analysis at the version you loaded (a stale one gets 409 with the current)',
        params: KeyParam,
        body: PutAnalysis,
        response: { 200: Analysis },
      },
    },
    (request) => notes.saveAnalysis(actorOf(request), request.params.key, request.body),
  );
}
