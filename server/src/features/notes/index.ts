export { createNotesFeature } from './notes.feature.ts';
export { noteRoutes } from './note.routes.ts';
export { createNoteService, type NoteService } from './note.service.ts';
export { createNoteStore, type NoteStore } from './note.store.ts';
