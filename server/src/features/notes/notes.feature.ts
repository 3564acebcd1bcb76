import type { ZodApp } from '../../platform/http/app.ts';
import type { Runtime } from '../../platform/runtime.ts';
import { noteRoutes } from './note.routes.ts';
import { createNoteService, type NoteServiceDeps } from './note.service.ts';
import { createNoteStore } from './note.store.ts';

/** Handlers' notes on an incident and its analysis record (which the closure wizard reads). */
export function createNotesFeature({
  runtime,
  changes,
  incidents,
}: Pick<NoteServiceDeps, 'changes' | 'incidents'> & { runtime: Runtime }) {
  const { handle, search, now } = runtime;
  const store = createNoteStore(search);
  const service = createNoteService({ handle, changes, incidents, store, now });
  return { service, analysis: store.analysis, routes: (app: ZodApp) => noteRoutes(app, service) };
}
